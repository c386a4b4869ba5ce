/// Whether a person's keys are certified: their chain verifies up to the organisation key and
/// names exactly what their record says.
public enum Trust: Sendable, Hashable {
    case trusted
    /// Says why not, for the administrator who will re-certify them.
    case untrusted(String)

    public var isTrusted: Bool { self == .trusted }
}
