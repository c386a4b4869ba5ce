/// What filing returns: the reference for handlers, the receipt for the reporter (shown once,
/// never stored), the stage, and how soon the procedure says the case must leave it (what the
/// reporter is told to expect).
public struct FiledCase: Sendable {
    public let reference: CaseReference
    public let receipt: Receipt
    public let stage: String
    public let stageDue: PolicyDuration?
}
