/// The languages Grievance speaks: the intake pages, the Code of Conduct, the summaries. Each
/// has a catalogue of the pages' words and one of the summaries' (Catalogs/LANG.json in the
/// server and in Summaries), checked against the English ones by `Catalogue`.
public enum Language: String, CaseIterable, Sendable, Codable {
    case en, ru, es, fr, pt, hi, ne, bn, ur, sw, th, id, kk, ky, uz, ar

    /// Arabic and Urdu are written right to left; the page mirrors for them.
    public var direction: TextDirection {
        switch self {
        case .ar, .ur: .rightToLeft
        default: .leftToRight
        }
    }

    /// The plural categories this language's catalogues give every counted phrase, after Unicode
    /// CLDR's rules for whole numbers (the counts here are hours, days, files: never fractions).
    /// Spanish, French and Portuguese also have `many` for whole millions; no count here gets
    /// near one, so their catalogues hold `one` and `other`.
    public var pluralCategories: [PluralCategory] {
        switch self {
        case .th, .id: [.other]
        case .ru: [.one, .few, .many]
        case .ar: [.zero, .one, .two, .few, .many, .other]
        default: [.one, .other]
        }
    }

    /// Whether `category` is taken by one number alone (Arabic's `two` is 2; French's `one` is 0
    /// and 1; Russian's `one` is 1, 21, 31…), so that a catalogue may say that number in words.
    public func standsForOneNumber(_ category: PluralCategory) -> Bool {
        (0...1_000).lazy.filter { pluralCategory($0) == category }.prefix(2).count == 1
    }

    /// Which of `pluralCategories` a whole number `count` takes (CLDR's plural rules, release 46:
    /// https://www.unicode.org/cldr/charts/46/supplemental/language_plural_rules.html).
    public func pluralCategory(_ count: Int) -> PluralCategory {
        let n = abs(count)
        switch self {
        case .th, .id:
            return .other
        case .fr, .pt, .hi, .bn:
            return n <= 1 ? .one : .other  // i = 0,1
        case .en, .es, .ne, .ur, .sw, .kk, .ky, .uz:
            return n == 1 ? .one : .other
        case .ru:
            if n % 10 == 1 && n % 100 != 11 { return .one }
            if (2...4).contains(n % 10) && !(12...14).contains(n % 100) { return .few }
            return .many
        case .ar:
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default:
                if (3...10).contains(n % 100) { return .few }
                if (11...99).contains(n % 100) { return .many }
                return .other
            }
        }
    }
}
