/// A case's clear facts as `case list --json`, `case show --json` and the case export give them.
/// The reporter's gender is kept for the Gender Committee's statistics alone and is not shown.
extension CaseSummary: Encodable {
    enum CodingKeys: String, CodingKey {
        case reference, event, category, region, channel, language, urgent, stage
        case respondentRole = "respondent_role", stageEnteredAt = "stage_entered_at", createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try encodeFields(into: &container)
    }

    /// The fields, into a container another view shares (a listing adds its own beside them).
    func encodeFields<Key: CodingKey>(into container: inout KeyedEncodingContainer<Key>) throws {
        func key(_ field: CodingKeys) -> Key { Key(stringValue: field.stringValue)! }
        try container.encode(reference, forKey: key(.reference))
        try container.encode(event, forKey: key(.event))
        try container.encode(category, forKey: key(.category))
        try container.encode(respondentRole, forKey: key(.respondentRole))
        try container.encode(region, forKey: key(.region))
        try container.encode(channel, forKey: key(.channel))
        try container.encode(language, forKey: key(.language))
        try container.encode(urgent, forKey: key(.urgent))
        try container.encode(stage, forKey: key(.stage))
        try container.encode(stageEnteredAt, forKey: key(.stageEnteredAt))
        try container.encode(createdAt, forKey: key(.createdAt))
    }
}
