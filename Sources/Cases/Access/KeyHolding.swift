/// Whether a person holds a case's key, and how they came to.
public enum KeyHolding: Sendable, Hashable, CaseIterable {
    /// No copy of the key is sealed to them.
    case none
    /// Sealed to them when the case arrived (routing, or as the filer) or reached the appeals panel.
    case held
    /// Sealed to them by a key holder's assignment.
    case assigned
}
