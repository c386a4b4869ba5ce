import GrievanceCrypto

/// The grievance procedure, loaded from `policies/grievance-procedure.yaml` and validated.
/// Everything the system does to a case's stage goes through it.
public struct Procedure: Sendable {
    public let name: String
    /// In the order the file lists them; the first is where every case starts.
    public let stages: [Stage]
    public let transitions: [Transition]
    public let categories: [CaseCategory]
    public let feedback: FeedbackRule?
    public let retention: RetentionRule
    public let suppressionThreshold: Int
    /// SHA-256 of the file's bytes: logged when it changes, so the version that governed a case
    /// can be shown.
    public let hash: Digest

    /// `hash` in hex, as the audit log's `policy.loaded` entry and `policy check` show it.
    public var sha256: String { hash.hex }

    /// Each category's roles, ready for the access rule's facts (asked once per case listed).
    let routing: [String: Set<Role>]

    init(name: String, stages: [Stage], transitions: [Transition], categories: [CaseCategory], feedback: FeedbackRule?,
         retention: RetentionRule, suppressionThreshold: Int, hash: Digest) {
        self.name = name
        self.stages = stages
        self.transitions = transitions
        self.categories = categories
        self.feedback = feedback
        self.retention = retention
        self.suppressionThreshold = suppressionThreshold
        self.hash = hash
        routing = Dictionary(categories.map { ($0.id, Set($0.routeTo)) }, uniquingKeysWith: { first, _ in first })
    }

    public var initialStage: Stage { stages[0] }

    /// The stage the appeals panel works (the loader makes sure there is exactly one).
    public var panelStage: Stage { stages.first(where: \.isAppealsPanel)! }

    public func stage(_ id: String) -> Stage? { stages.first { $0.id == id } }

    public func category(_ id: String) -> CaseCategory? { categories.first { $0.id == id } }

    public func transitions(from stage: String) -> [Transition] { transitions.filter { $0.from == stage } }
}
