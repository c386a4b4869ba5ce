/// Unicode CLDR's plural categories: the last part of a counted phrase's key in a catalogue
/// (`within.days.one`, `within.days.other`).
public enum PluralCategory: String, CaseIterable, Sendable {
    case zero, one, two, few, many, other
}
