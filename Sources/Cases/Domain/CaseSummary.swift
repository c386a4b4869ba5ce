import Foundation

/// What the database holds of a case in clear: only what routing, deadlines and anonymised
/// statistics need.
public struct CaseSummary: Sendable, Hashable {
    public let reference: CaseReference
    public let event: String?
    public let category: String
    public let respondentRole: RespondentRole?
    public let region: Region?
    public let channel: IntakeChannel
    public let language: String?
    public let urgent: Bool
    public let stage: String
    public let stageEnteredAt: Date
    public let createdAt: Date
    public let reporterGender: String?
}
