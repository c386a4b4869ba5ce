/// A report as filed: the clear facts used for routing and statistics, and the content that is
/// encrypted at once.
public struct Intake: Sendable {
    public var category: String
    /// The event's slug; nil for the organisation itself.
    public var event: String?
    public var respondentRole: RespondentRole?
    public var region: Region?
    public var language: String?
    /// A crisis or immediate risk: routed to the safeguarding lead as well, at once.
    public var urgent: Bool
    /// Self-declared and optional, for the Gender Committee's anonymised view.
    public var reporterGender: ReporterGender?
    /// Principals the reporter asks be kept away from the case.
    public var excludeHandlers: [String]
    public var content: ComplaintContent

    public init(
        category: String, event: String? = nil, respondentRole: RespondentRole? = nil, region: Region? = nil,
        language: String? = nil, urgent: Bool = false, reporterGender: ReporterGender? = nil, excludeHandlers: [String] = [],
        content: ComplaintContent
    ) {
        self.category = category
        self.event = event
        self.respondentRole = respondentRole
        self.region = region
        self.language = language
        self.urgent = urgent
        self.reporterGender = reporterGender
        self.excludeHandlers = excludeHandlers
        self.content = content
    }
}
