/// What the reporter told us: encrypted, never stored in clear.
public struct ComplaintContent: Sendable, Hashable, Codable {
    public var description: String
    public var occurred: String?
    public var location: String?
    public var respondent: String?
    public var witnesses: String?
    public var reporterName: String?
    public var reporterContact: String?
    /// Consent per contact channel, as the reporter gave it ("email": true, "phone": false).
    public var contactConsent: [String: Bool]

    public init(
        description: String, occurred: String? = nil, location: String? = nil, respondent: String? = nil,
        witnesses: String? = nil, reporterName: String? = nil, reporterContact: String? = nil, contactConsent: [String: Bool] = [:]
    ) {
        self.description = description
        self.occurred = occurred
        self.location = location
        self.respondent = respondent
        self.witnesses = witnesses
        self.reporterName = reporterName
        self.reporterContact = reporterContact
        self.contactConsent = contactConsent
    }
}
