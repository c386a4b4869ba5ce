import Foundation

/// What a caller asks to record; the log adds the sequence number and the previous hash.
public struct AuditEntryDraft: Sendable, Hashable {
    public var actor: String
    public var action: String
    public var caseReference: String?
    public var details: [AuditDetail]
    /// When it happened; the current time if nil.
    public var time: Date?

    public init(actor: String, action: String, caseReference: String? = nil, details: [AuditDetail] = [], time: Date? = nil) {
        self.actor = actor
        self.action = action
        self.caseReference = caseReference
        self.details = details
        self.time = time
    }
}
