import Foundation

/// An event of the register: where reports about it are filed, by its own intake link.
public struct Event: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case congress
        case regionalMeeting = "regional-meeting"
        case training
        case webinar
        case exchangeVisit = "exchange-visit"
        case forum
    }

    public let slug: String
    public let name: String
    public let kind: Kind
    public let city: String?
    /// ISO 3166-1 alpha-2, upper case.
    public let country: String?
    public let online: Bool
    /// Calendar dates, `YYYY-MM-DD`.
    public let starts: String
    public let ends: String

    public init(slug: String, name: String, kind: Kind, city: String?, country: String?, online: Bool, starts: String, ends: String) {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.city = city
        self.country = country
        self.online = online
        self.starts = starts
        self.ends = ends
    }
}
