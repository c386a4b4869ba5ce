import Cases
import Foundation

extension BackupReport {
    /// The lines `backup verify` and `backup restore` print for people.
    var lines: [String] {
        [
            "organisation:     \(organisation)",
            "made:             \(Output.short(created))",
            "size:             \(bytes.formatted()) bytes, blake2b-256 \(blake2b ?? "")",
            "cases:            \(cases)",
            "log entries:      \(auditEntries) (verified; tree root \(auditRoot ?? ""))",
            "organisation key: \(organisationKey ?? "")",
        ]
    }
}
