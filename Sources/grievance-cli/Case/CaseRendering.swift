import Cases
import Foundation

/// A case as a person reads it on a terminal. Everything shown was decided by Cases: this only
/// lays it out.
enum CaseRendering {
    static func printView(_ view: CaseView) {
        let summary = view.summary
        let complaint = view.complaint
        print("\(summary.reference)  \(summary.category)  stage: \(summary.stage)\(summary.urgent ? "  URGENT" : "")")
        print("  filed \(Output.short(summary.createdAt)) via \(summary.channel.rawValue)"
              + (summary.event.map { ", event \($0)" } ?? ", about the organisation itself"))
        let facts = [("respondent role", summary.respondentRole?.rawValue), ("region", summary.region?.rawValue), ("language", summary.language)]
            .compactMap { label, value in value.map { "\(label): \($0)" } }
        if !facts.isEmpty { print("  " + facts.joined(separator: ", ")) }
        print("\nComplaint")
        print(indent(complaint.description))
        for (label, value) in [("occurred", complaint.occurred), ("location", complaint.location), ("respondent", complaint.respondent),
                               ("witnesses", complaint.witnesses), ("reporter", complaint.reporterName), ("contact", complaint.reporterContact)] {
            if let value { print("  \(label): \(value)") }
        }
        if !complaint.contactConsent.isEmpty {
            print("  consent: " + complaint.contactConsent.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value ? "yes" : "no")" }.joined(separator: ", "))
        }
        if !view.records.isEmpty {
            print("\nRecords")
            for record in view.records {
                print("  #\(record.sequence) \(Output.short(record.createdAt)) \(record.kind.rawValue)\(record.stage.map { " (→ \($0))" } ?? "") by \(record.author)")
                print(indent(record.text, by: 4))
            }
        }
        if !view.attachments.isEmpty {
            print("\nAttachments (open one with `case attachment \(summary.reference) NUMBER --out FILE`)")
            for listing in view.attachments {
                print("  #\(listing.sequence) \(listing.info.name)  \(listing.info.contentType), \(listing.info.size.formatted(.byteCount(style: .file)))")
            }
        }
        print("\nStages")
        for step in view.history { print("  \(Output.short(step.enteredAt))  \(step.stage)") }
        let moves = view.moves.map { move in move.to + (move.until.map { " (until \(Output.short($0)))" } ?? "") }
        print(moves.isEmpty ? "  no move is yours to make now" : "  you may move it to: " + moves.joined(separator: "; "))
        if !view.due.isEmpty {
            print("\nDue")
            for item in view.due { print("  \(Output.short(item.due))  \(item.kind)\(item.isOverdue ? "  OVERDUE" : "")") }
        }
        print("\nKey holders: \(view.keyHolders.joined(separator: ", "))")
        print("Read by: " + view.reads.map { "\($0.actor) \(Output.short($0.at))" }.joined(separator: "; "))
    }

    private static func indent(_ text: String, by spaces: Int = 2) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { String(repeating: " ", count: spaces) + $0 }.joined(separator: "\n")
    }
}
