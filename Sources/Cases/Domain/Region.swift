/// The organisation's regions, each with a coordinator; kept in clear for statistics.
public enum Region: String, Sendable, CaseIterable, Codable {
    case africa
    case latinAmerica = "latin-america"
    case southAsia = "south-asia"
    case southEastAsia = "south-east-asia"
    case easternEuropeCentralAsia = "eastern-europe-central-asia"
    case global
}
