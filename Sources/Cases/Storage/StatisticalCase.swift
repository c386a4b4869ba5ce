import Foundation

/// A case as summaries see it: clear metadata and the dates of its milestones, read in one query
/// for a period. No reference, no receipt, no content: nothing here can be traced back to a case
/// except through counts, which disclosure control then protects.
package struct StatisticalCase: Sendable, Hashable {
    package var category: String
    package var event: String?
    package var region: String?
    package var respondentRole: String?
    package var channel: String
    package var gender: String?
    package var createdAt: Date
    /// When the case first left the stage every case starts in.
    package var acknowledgedAt: Date?
    /// When it first entered a stage that meets the procedure's feedback rule.
    package var feedbackAt: Date?
    /// When it entered a terminal stage, and the stage it was closed from; nil while open.
    package var closedAt: Date?
    package var closedFrom: String?
    /// Its stage at the period's end and when it entered it (nil when it was closed by then).
    package var stageAtEnd: String?
    package var stageEnteredAtEnd: Date?

    package init(category: String, event: String?, region: String?, respondentRole: String?, channel: String, gender: String?, createdAt: Date,
                 acknowledgedAt: Date?, feedbackAt: Date?, closedAt: Date?, closedFrom: String?, stageAtEnd: String?, stageEnteredAtEnd: Date?) {
        self.category = category
        self.event = event
        self.region = region
        self.respondentRole = respondentRole
        self.channel = channel
        self.gender = gender
        self.createdAt = createdAt
        self.acknowledgedAt = acknowledgedAt
        self.feedbackAt = feedbackAt
        self.closedAt = closedAt
        self.closedFrom = closedFrom
        self.stageAtEnd = stageAtEnd
        self.stageEnteredAtEnd = stageEnteredAtEnd
    }
}
