import Foundation

extension Event {
    /// What makes an event fit for the register: a slug that can be a link, a name, real dates
    /// in order, and either a place or `online`.
    func check() throws(CasesError) {
        guard Principal.isValidID(slug), !slug.contains(".") else { throw .invalid(.slug, .notAnIdentifier(separators: "'-' and '_'")) }
        guard !name.isEmpty, name.utf8.count <= 200 else { throw .invalid(.name, name.isEmpty ? .empty : .tooLong(maximumBytes: 200)) }
        let parse = ISO8601DateFormatter()
        parse.formatOptions = [.withFullDate]
        guard let first = parse.date(from: starts), let last = parse.date(from: ends) else { throw .invalid(.dates, .notADate) }
        guard first <= last else { throw .invalid(.dates, .endsBeforeStarts) }
        if online {
            guard city == nil, country == nil else { throw .invalid(.place, .placeWhenOnline) }
        } else {
            guard let city, !city.isEmpty, let country, country.count == 2, country == country.uppercased() else {
                throw .invalid(.place, .placeMissing)
            }
        }
    }
}
