/// The respondent's role under the Code of Conduct: kept in clear for anonymised statistics.
public enum RespondentRole: String, Sendable, CaseIterable, Codable {
    case executiveCommittee = "executive-committee"
    case subcommittee
    case memberOrganisation = "member-organisation"
    case secretariat
    case participant
    case other
}
