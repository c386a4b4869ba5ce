import AuditLog

/// A size and root of the log that someone computed themselves, kept in their own state: not
/// signed, because they need trust nobody's signature for what they saw.
public struct TreeHead: Sendable, Hashable {
    let checkpoint: Checkpoint

    init(_ checkpoint: Checkpoint) { self.checkpoint = checkpoint }

    public init(text: String) throws(CasesError) {
        do {
            checkpoint = try Checkpoint(text: text)
        } catch {
            throw .invalid(.personalState, .malformed("a remembered tree head does not parse: \(error)"))
        }
    }

    public var size: UInt64 { checkpoint.size }
    public var text: String { checkpoint.text }
}
