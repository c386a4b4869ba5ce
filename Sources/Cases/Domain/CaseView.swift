import Foundation

/// A case opened by someone allowed to read it: the clear summary, the decrypted complaint and
/// records, the stage history, and who has read it.
public struct CaseView: Sendable {
    public let summary: CaseSummary
    public let complaint: ComplaintContent
    public let records: [CaseRecord]
    /// The files the reporter attached; each opened on its own with `readAttachment`.
    public let attachments: [AttachmentListing]
    public let history: [(stage: String, enteredAt: Date)]
    public let due: [DueItem]
    /// Every principal holding the case key (assigned or routed), and the two fixed recipients.
    public let keyHolders: [String]
    /// Who opened the case and when, from the audit log.
    public let reads: [(actor: String, at: Date)]
}
