import Languages
import Testing

@Suite("CLDR's plural rules for whole numbers, in every language spoken")
struct PluralRuleTests {
    @Test("each language's category for a count", arguments: [
        (Language.en, [0: PluralCategory.other, 1: .one, 2: .other, 11: .other]),
        (.fr, [0: .one, 1: .one, 2: .other]),
        (.pt, [0: .one, 1: .one, 2: .other, 100: .other]),
        (.hi, [0: .one, 1: .one, 2: .other]),
        (.bn, [0: .one, 1: .one, 5: .other]),
        (.ne, [0: .other, 1: .one, 2: .other]),
        (.ur, [0: .other, 1: .one, 2: .other]),
        (.sw, [1: .one, 7: .other]),
        (.kk, [1: .one, 21: .other]),
        (.th, [0: .other, 1: .other, 2: .other]),
        (.id, [1: .other]),
        (.ru, [1: .one, 2: .few, 4: .few, 5: .many, 11: .many, 12: .many, 21: .one, 22: .few, 25: .many, 111: .many, 0: .many]),
        (.ar, [0: .zero, 1: .one, 2: .two, 3: .few, 10: .few, 11: .many, 99: .many, 100: .other, 102: .other, 103: .few, 111: .many]),
    ])
    func category(language: Language, expected: [Int: PluralCategory]) {
        for (count, category) in expected { #expect(language.pluralCategory(count) == category, "\(language) \(count)") }
    }

    @Test("every category a count can take is one the language's catalogues must hold, and each is taken", arguments: Language.allCases)
    func categoriesAreExactlyThoseTaken(language: Language) {
        let taken = Set((0...1_000).map(language.pluralCategory))
        #expect(taken == Set(language.pluralCategories))
    }

    @Test func directions() {
        #expect(Language.allCases.filter { $0.direction == .rightToLeft } == [.ur, .ar])
    }
}
