import Foundation

/// A case opened by someone allowed to read it: everything a face shows, decided here. The
/// clear summary, the decrypted complaint and records (each stage change's reason with the stage
/// it led to), the attachments, the stage history, what is due and whether it is overdue, the
/// moves this reader may make now, who holds the key and who has read it.
public struct CaseView: Sendable {
    public let summary: CaseSummary
    /// The procedure's title for the current stage.
    public let stageTitle: String
    public let complaint: ComplaintContent
    public let records: [CaseRecord]
    /// The files the reporter attached; each opened on its own with `readAttachment`.
    public let attachments: [AttachmentListing]
    public let history: [StageEntry]
    public let due: [DueItem]
    /// The stages this reader may move the case to now.
    public let moves: [StageMove]
    /// Every principal holding the case key (assigned or routed), and the two fixed recipients.
    public let keyHolders: [String]
    /// Who opened or exported the case and when, from the audit log.
    public let reads: [CaseRead]
}
