import Foundation

/// Which cases a summary reads: every case alive at some time in [start, end) — received before
/// the end and not closed before the start — with the procedure's stages that close a case and
/// that meet the feedback rule, which storage cannot know by itself.
package struct StatisticalQuery: Sendable, Hashable {
    package var start: Date
    package var end: Date
    package var openStages: [String]
    package var terminalStages: [String]
    package var feedbackStages: [String]

    package init(start: Date, end: Date, openStages: [String], terminalStages: [String], feedbackStages: [String]) {
        self.start = start
        self.end = end
        self.openStages = openStages
        self.terminalStages = terminalStages
        self.feedbackStages = feedbackStages
    }
}
