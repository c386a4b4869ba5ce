/// What access to a case depends on, all of it known without decrypting anything but the
/// exclusions: where the case stands, whom its category routes to, and this person's relation
/// to it.
public struct CaseFacts: Sendable, Hashable {
    public var stage: String
    /// The stage the procedure declares the appeals panel works.
    public var panelStage: String
    /// The roles the case's category routes to, the safeguarding lead added for an urgent case.
    public var routedRoles: Set<Role>
    /// The person's copy of the key.
    public var holding: KeyHolding
    /// Whether the reporter or a handler excluded the person from the case. Known where the key
    /// is at hand (filing, opening, assigning, the panel's grant); a listing, which decrypts
    /// nothing, relies on an excluded person never holding a copy of the key.
    public var isExcluded: Bool

    public init(stage: String, panelStage: String, routedRoles: Set<Role> = [], holding: KeyHolding, isExcluded: Bool = false) {
        self.stage = stage
        self.panelStage = panelStage
        self.routedRoles = routedRoles
        self.holding = holding
        self.isExcluded = isExcluded
    }

    public var isPanelStage: Bool { stage == panelStage }
}
