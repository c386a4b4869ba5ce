/// An event as `event list --json` and the intake options show it.
extension Event: Encodable {
    enum CodingKeys: String, CodingKey {
        case slug, name, type, city, country, online, starts, ends
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(slug, forKey: .slug)
        try container.encode(name, forKey: .name)
        try container.encode(kind.rawValue, forKey: .type)
        try container.encode(city, forKey: .city)
        try container.encode(country, forKey: .country)
        try container.encode(online, forKey: .online)
        try container.encode(starts, forKey: .starts)
        try container.encode(ends, forKey: .ends)
    }
}
