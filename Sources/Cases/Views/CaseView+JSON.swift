/// `case show --json`, which is also the body of a case export (docs/FILE-FORMATS.md).
extension CaseView: Encodable {
    enum CodingKeys: String, CodingKey {
        case summary, complaint, records, attachments, history, due, moves, reads
        case stageTitle = "stage_title", nextStages = "next_stages", keyHolders = "key_holders"
    }

    enum ComplaintKeys: String, CodingKey {
        case description, occurred, location, respondent, witnesses
        case reporterName = "reporter_name", reporterContact = "reporter_contact", contactConsent = "contact_consent"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(summary, forKey: .summary)
        try container.encode(stageTitle, forKey: .stageTitle)
        var text = container.nestedContainer(keyedBy: ComplaintKeys.self, forKey: .complaint)
        try text.encode(complaint.description, forKey: .description)
        try text.encode(complaint.occurred, forKey: .occurred)
        try text.encode(complaint.location, forKey: .location)
        try text.encode(complaint.respondent, forKey: .respondent)
        try text.encode(complaint.witnesses, forKey: .witnesses)
        try text.encode(complaint.reporterName, forKey: .reporterName)
        try text.encode(complaint.reporterContact, forKey: .reporterContact)
        try text.encode(complaint.contactConsent, forKey: .contactConsent)
        try container.encode(records, forKey: .records)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(history, forKey: .history)
        try container.encode(due, forKey: .due)
        try container.encode(moves.map(\.to), forKey: .nextStages)
        try container.encode(moves, forKey: .moves)
        try container.encode(keyHolders, forKey: .keyHolders)
        try container.encode(reads, forKey: .reads)
    }
}
