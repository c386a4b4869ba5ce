import Foundation

/// What a reporter sees with their receipt: the stage, and the messages between them and the
/// handlers. Never notes, assignments or who read the case.
public struct ReporterView: Sendable {
    public let reference: CaseReference
    public let stage: String
    public let stageTitle: String
    public let messages: [CaseRecord]
}
