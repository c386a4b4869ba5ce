import Cases
import Foundation

/// A case as a person reads it on a terminal. Everything shown was decided by Cases: this only
/// lays it out. Every text in it passes through `TerminalText` — the reporter's words above all,
/// but also names, file names and anything a file handed over (`case read-export`) may carry.
enum CaseRendering {
    static func printView(_ view: CaseView) {
        let summary = view.summary
        let complaint = view.complaint
        let line = TerminalText.line
        print("\(summary.reference)  \(line(summary.category))  stage: \(line(summary.stage))\(summary.urgent ? "  URGENT" : "")")
        print("  filed \(Output.short(summary.createdAt)) via \(summary.channel.rawValue)"
              + (summary.event.map { ", event \(line($0))" } ?? ", about the organisation itself"))
        let facts = [("respondent role", summary.respondentRole?.rawValue), ("region", summary.region?.rawValue), ("language", summary.language)]
            .compactMap { label, value in value.map { "\(label): \(line($0))" } }
        if !facts.isEmpty { print("  " + facts.joined(separator: ", ")) }
        print("\nComplaint")
        print(TerminalText.block(complaint.description, indent: 2))
        for (label, value) in [("occurred", complaint.occurred), ("location", complaint.location), ("respondent", complaint.respondent),
                               ("witnesses", complaint.witnesses), ("reporter", complaint.reporterName), ("contact", complaint.reporterContact)] {
            if let value { print("  \(label): \(line(value))") }
        }
        if !complaint.contactConsent.isEmpty {
            print("  consent: " + complaint.contactConsent.sorted { $0.key < $1.key }.map { "\(line($0.key)) \($0.value ? "yes" : "no")" }
                .joined(separator: ", "))
        }
        if !view.records.isEmpty {
            print("\nRecords")
            for record in view.records {
                print("  #\(record.sequence) \(Output.short(record.createdAt)) \(record.kind.rawValue)"
                      + "\(record.stage.map { " (→ \(line($0)))" } ?? "") by \(line(record.author))")
                print(TerminalText.block(record.text, indent: 4))
            }
        }
        if !view.attachments.isEmpty {
            print("\nAttachments (open one with `case attachment \(summary.reference) NUMBER --out FILE`)")
            for listing in view.attachments {
                print("  #\(listing.sequence) \(line(listing.info.name))  \(line(listing.info.contentType)), "
                      + listing.info.size.formatted(.byteCount(style: .file)))
            }
        }
        print("\nStages")
        for step in view.history { print("  \(Output.short(step.enteredAt))  \(line(step.stage))") }
        let moves = view.moves.map { move in line(move.to) + (move.until.map { " (until \(Output.short($0)))" } ?? "") }
        print(moves.isEmpty ? "  no move is yours to make now" : "  you may move it to: " + moves.joined(separator: "; "))
        if !view.due.isEmpty {
            print("\nDue")
            for item in view.due { print("  \(Output.short(item.due))  \(item.kind)\(item.isOverdue ? "  OVERDUE" : "")") }
        }
        print("\nKey holders: \(view.keyHolders.map(line).joined(separator: ", "))")
        print("Read by: " + view.reads.map { "\(line($0.actor)) \(Output.short($0.at))" }.joined(separator: "; "))
    }
}
