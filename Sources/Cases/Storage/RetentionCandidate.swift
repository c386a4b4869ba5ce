import Foundation

/// A closed case as retention sees it: clear metadata, never content.
package struct RetentionCandidate: Sendable, Hashable {
    package let reference: CaseReference
    package let category: String
    package let closedAt: Date
    /// The stage it was closed from (its outcome); nil if its history does not say.
    package let closedFrom: String?
    /// The latest of its closing and its records' times (a reporter's message, a note, a hold
    /// released): retention's clock starts here.
    package let lastActivity: Date
    package let heldSince: Date?
}
