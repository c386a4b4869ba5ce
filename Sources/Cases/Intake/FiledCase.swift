/// What filing returns: the reference for handlers, the receipt for the reporter (shown once,
/// never stored), the stage, and how soon the procedure says the case must leave it (what the
/// reporter is told to expect), and whom to tell at once.
public struct FiledCase: Sendable {
    public let reference: CaseReference
    public let receipt: Receipt
    public let stage: String
    public let stageDue: PolicyDuration?
    /// For an urgent or safeguarding case, a content-free notification to each person who must
    /// hear of it now (`Procedure.announcements`); empty for any other case. The filing is
    /// committed whatever becomes of them.
    public let announcements: [Notification]
}
