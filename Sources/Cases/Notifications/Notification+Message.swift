import Foundation

/// The bytes a notification command reads on its standard input.
extension Notification {
    public func message(format: NotificationFormat) -> [UInt8] {
        switch format {
        case .mail: Array(mailText.utf8)
        case .json: Array((try? CasesJSON.encode(self, pretty: false)) ?? Data()) + [0x0A]
        }
    }

    /// Headers, a blank line and a plain-text body. Every value in it is an id, a reference or
    /// a time — characters the procedure and the person ids allow — so no header can be broken.
    var mailText: String {
        var lines = [
            "To: \(recipient)",
            "Subject: \(subject)",
            "Auto-Submitted: auto-generated",
            "X-Grievance-Kind: \(kind.name)",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
        ]
        switch kind {
        case .newCase(let reference, _, let urgent):
            lines.append(urgent ? "An urgent case was filed and routed to you. Please look at it now:"
                                : "A case for the safeguarding lead was filed and routed to you. Please look at it now:")
            lines.append("")
            lines.append("    grievance-cli case show \(reference)")
        case .digest:
            lines.append("What is due or overdue in the cases you work (as of \(Self.time(madeAt))):")
        case .test:
            lines.append("A test, sent by `grievance-cli notify test` at \(Self.time(madeAt)): notifications reach \(recipient) this way.")
        }
        if !reminders.isEmpty { lines.append("") }
        for reminder in reminders.prefix(Self.maximumLines) {
            var flags: [String] = []
            if reminder.item.isOverdue { flags.append("OVERDUE") }
            if reminder.urgent { flags.append("urgent") }
            if reminder.relation == .assigned { flags.append("assigned to you") }
            if reminder.relation == .unattended { flags.append("nobody who may work it holds its key") }
            lines.append("  \(reminder.reference)  \(reminder.category)  \(reminder.stage)  \(reminder.item.kind) by \(Self.time(reminder.item.due))"
                         + (flags.isEmpty ? "" : "  (\(flags.joined(separator: ", ")))"))
        }
        if reminders.count > Self.maximumLines {
            lines.append("  … and \(reminders.count - Self.maximumLines) more: grievance-cli reminders --for \(recipient)")
        }
        lines += ["", "Sent by Grievance to \(recipient). It names cases only; read them with grievance-cli.", ""]
        return lines.joined(separator: "\n")
    }
}

extension Notification: Encodable {
    enum CodingKeys: String, CodingKey {
        case to, kind, subject, reference, category, urgent, madeAt = "made_at", reminders, omitted
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(recipient, forKey: .to)
        try container.encode(kind.name, forKey: .kind)
        try container.encode(subject, forKey: .subject)
        if case .newCase(let reference, let category, let urgent) = kind {
            try container.encode(reference, forKey: .reference)
            try container.encode(category, forKey: .category)
            try container.encode(urgent, forKey: .urgent)
        }
        try container.encode(madeAt, forKey: .madeAt)
        try container.encode(Array(reminders.prefix(Self.maximumLines)), forKey: .reminders)
        try container.encode(max(0, reminders.count - Self.maximumLines), forKey: .omitted)
    }
}
