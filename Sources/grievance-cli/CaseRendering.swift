import Cases
import Foundation

/// A case's clear metadata and decrypted view as JSON objects and as lines for people.
enum CaseRendering {
    static func summary(_ summary: CaseSummary) -> [String: Any] {
        [
            "reference": summary.reference, "event": Output.optional(summary.event), "category": summary.category,
            "respondent_role": Output.optional(summary.respondentRole?.rawValue), "region": Output.optional(summary.region?.rawValue),
            "channel": summary.channel.rawValue, "language": Output.optional(summary.language), "urgent": summary.urgent,
            "stage": summary.stage, "stage_entered_at": Output.timestamp(summary.stageEnteredAt),
            "created_at": Output.timestamp(summary.createdAt),
        ]
    }

    static func listing(_ listing: CaseListing, now: Date) -> [String: Any] {
        var object = summary(listing.summary)
        object["deadline"] = Output.optional(listing.deadline)
        object["overdue"] = listing.deadline.map { $0 < now } ?? false
        object["assigned_to_me"] = listing.assignedToMe
        return object
    }

    static func view(_ view: CaseView, procedure: Procedure, now: Date) -> [String: Any] {
        let complaint = view.complaint
        var enteredStages = view.history.dropFirst().map(\.stage).makeIterator()
        return [
            "summary": summary(view.summary),
            "complaint": [
                "description": complaint.description, "occurred": Output.optional(complaint.occurred),
                "location": Output.optional(complaint.location), "respondent": Output.optional(complaint.respondent),
                "witnesses": Output.optional(complaint.witnesses), "reporter_name": Output.optional(complaint.reporterName),
                "reporter_contact": Output.optional(complaint.reporterContact), "contact_consent": complaint.contactConsent,
            ] as [String: Any],
            "records": view.records.map { record -> [String: Any] in
                var object: [String: Any] = ["sequence": record.sequence, "kind": record.kind.rawValue,
                                             "created_at": Output.timestamp(record.createdAt), "author": record.author, "text": record.text]
                if record.kind == .stageReason { object["stage"] = enteredStages.next() ?? NSNull() }
                return object
            },
            "attachments": view.attachments.map { listing -> [String: Any] in
                ["sequence": listing.sequence, "name": listing.info.name, "content_type": listing.info.contentType, "size": listing.info.size,
                 "created_at": Output.timestamp(listing.createdAt), "author": listing.author]
            },
            "history": view.history.map { ["stage": $0.stage, "entered_at": Output.timestamp($0.enteredAt)] },
            "due": view.due.map { item -> [String: Any] in
                ["what": describe(item.kind), "due": Output.timestamp(item.due), "overdue": item.isOverdue(at: now)]
            },
            "next_stages": procedure.transitions(from: view.summary.stage).map(\.to),
            "key_holders": view.keyHolders,
            "reads": view.reads.map { ["actor": $0.actor, "at": Output.timestamp($0.at)] },
        ]
    }

    static func describe(_ kind: DueItem.Kind) -> String {
        switch kind {
        case .stage(let stage): "leave \(stage)"
        case .feedback: "feedback to the reporter"
        }
    }

    /// The whole case as a person reads it on a terminal.
    static func printView(_ view: CaseView, procedure: Procedure, now: Date) {
        let summary = view.summary
        let complaint = view.complaint
        print("\(summary.reference)  \(summary.category)  stage: \(summary.stage)\(summary.urgent ? "  URGENT" : "")")
        print("  filed \(Output.short(summary.createdAt)) via \(summary.channel.rawValue)"
              + (summary.event.map { ", event \($0)" } ?? ", about the organisation itself"))
        var facts: [(String, String?)] = [("respondent role", summary.respondentRole?.rawValue), ("region", summary.region?.rawValue),
                                          ("language", summary.language)]
        facts = facts.filter { $0.1 != nil }
        if !facts.isEmpty { print("  " + facts.map { "\($0.0): \($0.1!)" }.joined(separator: ", ")) }
        print("\nComplaint")
        print(indent(complaint.description))
        for (label, value) in [("occurred", complaint.occurred), ("location", complaint.location), ("respondent", complaint.respondent),
                               ("witnesses", complaint.witnesses), ("reporter", complaint.reporterName), ("contact", complaint.reporterContact)] {
            if let value { print("  \(label): \(value)") }
        }
        if !complaint.contactConsent.isEmpty {
            print("  consent: " + complaint.contactConsent.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value ? "yes" : "no")" }
                .joined(separator: ", "))
        }
        if !view.records.isEmpty {
            print("\nRecords")
            // Each stage change wrote one transition and one reason together, in order.
            var enteredStages = view.history.dropFirst().map(\.stage).makeIterator()
            for record in view.records {
                let stage = record.kind == .stageReason ? enteredStages.next().map { " (→ \($0))" } ?? "" : ""
                print("  #\(record.sequence) \(Output.short(record.createdAt)) \(record.kind.rawValue)\(stage) by \(record.author)")
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
        let next = procedure.transitions(from: summary.stage)
        if !next.isEmpty {
            print("  may move to: " + next.map { "\($0.to) (\($0.roles.sorted().map(\.rawValue).joined(separator: ", ")))" }.joined(separator: "; "))
        }
        if !view.due.isEmpty {
            print("\nDue")
            for item in view.due {
                print("  \(Output.short(item.due))  \(describe(item.kind))\(item.isOverdue(at: now) ? "  OVERDUE" : "")")
            }
        }
        print("\nKey holders: \(view.keyHolders.joined(separator: ", "))")
        print("Read by: " + view.reads.map { "\($0.actor) \(Output.short($0.at))" }.joined(separator: "; "))
    }

    private static func indent(_ text: String, by spaces: Int = 2) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { String(repeating: " ", count: spaces) + $0 }.joined(separator: "\n")
    }
}
