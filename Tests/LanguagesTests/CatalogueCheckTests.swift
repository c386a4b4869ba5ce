import Foundation
import Languages
import Testing

@Suite("A catalogue that misses a key, adds one, drops a placeholder or has the wrong plural forms is refused")
struct CatalogueCheckTests {
    static let english = catalogue(.en, [
        "form.title": "Report",
        // A category called "other": a key ending in a plural category's name, but not counted.
        "category.other": "Something else",
        "form.hint": "Up to {count} files of {megabytes} MB each.",
        "within.days.one": "{count} day",
        "within.days.other": "{count} days",
    ])

    static func catalogue(_ language: Language, _ texts: [String: String], reviewed: Bool = false) -> Catalogue {
        let document: [String: Any] = ["language": language.rawValue, "translated_by": "tests", "reviewed": reviewed, "texts": texts]
        let data = try! JSONSerialization.data(withJSONObject: document)
        return try! JSONDecoder().decode(Catalogue.self, from: data)
    }

    static let arabic: [String: String] = [
        "form.title": "بلاغ", "category.other": "شيء آخر", "form.hint": "حتى {count} ملفات، {megabytes} ميغابايت لكل منها.",
        "within.days.zero": "{count} يوم", "within.days.one": "يوم واحد", "within.days.two": "يومين",
        "within.days.few": "{count} أيام", "within.days.many": "{count} يومًا", "within.days.other": "{count} يوم",
    ]

    @Test func whole() throws {
        try Self.catalogue(.ar, Self.arabic).check(against: Self.english)
        try Self.catalogue(.id, ["form.title": "Laporan", "category.other": "Lainnya", "form.hint": "Hingga {count} berkas, masing-masing {megabytes} MB.",
                                 "within.days.other": "{count} hari"]).check(against: Self.english)
    }

    @Test func missingKey() {
        var texts = Self.arabic
        texts["form.title"] = nil
        #expect(throws: CatalogueError.missingKey("form.title", language: "ar")) { try Self.catalogue(.ar, texts).check(against: Self.english) }
    }

    @Test func unknownKey() {
        var texts = Self.arabic
        texts["form.titel"] = "بلاغ"
        #expect(throws: CatalogueError.unknownKey("form.titel", language: "ar")) { try Self.catalogue(.ar, texts).check(against: Self.english) }
    }

    @Test func droppedPlaceholder() {
        var texts = Self.arabic
        texts["form.hint"] = "حتى {count} ملفات."
        #expect(throws: CatalogueError.placeholders("form.hint", language: "ar", found: ["count"], expected: ["count", "megabytes"])) {
            try Self.catalogue(.ar, texts).check(against: Self.english)
        }
    }

    @Test func renamedPlaceholder() {
        var texts = Self.arabic
        texts["within.days.few"] = "{عدد} أيام"
        #expect(throws: CatalogueError.self) { try Self.catalogue(.ar, texts).check(against: Self.english) }
    }

    @Test("a form for zero, one or two may say the number in words; every other form keeps {count}")
    func numberInWords() {
        var texts = Self.arabic
        texts["within.days.few"] = "أيام"
        #expect(throws: CatalogueError.placeholders("within.days.few", language: "ar", found: [], expected: ["count"])) {
            try Self.catalogue(.ar, texts).check(against: Self.english)
        }
        texts = Self.arabic
        texts["form.hint"] = "حتى ملفين، {megabytes} ميغابايت لكل منها."  // "two files": not a counted phrase, so {count} must stay
        #expect(throws: CatalogueError.self) { try Self.catalogue(.ar, texts).check(against: Self.english) }
    }

    @Test("a form that stands for more than one number keeps {count}: French's one is 0 and 1")
    func oneIsNotAlwaysOne() {
        let french = ["form.title": "Signalement", "category.other": "Autre", "form.hint": "{count} {megabytes}",
                      "within.days.one": "un jour", "within.days.other": "{count} jours"]
        #expect(throws: CatalogueError.placeholders("within.days.one", language: "fr", found: [], expected: ["count"])) {
            try Self.catalogue(.fr, french).check(against: Self.english)
        }
        #expect(Language.en.standsForOneNumber(.one) && !Language.ru.standsForOneNumber(.one) && Language.ar.standsForOneNumber(.two))
    }

    @Test("a misspelt placeholder is refused, not printed", arguments: ["{Count} يوم", "{ count } يوم", "{count} يوم}", "{count} {يوم"])
    func strayBrace(text: String) {
        var texts = Self.arabic
        texts["within.days.other"] = text
        #expect(throws: CatalogueError.self) { try Self.catalogue(.ar, texts).check(against: Self.english) }
    }

    @Test("a counted phrase in English's forms, not the language's own, is refused")
    func wrongPluralForms() {
        let english = ["form.title": "Laporan", "category.other": "Lainnya", "form.hint": "{count} {megabytes}", "within.days.one": "{count} hari", "within.days.other": "{count} hari"]
        #expect(throws: CatalogueError.unknownKey("within.days.one", language: "id")) { try Self.catalogue(.id, english).check(against: Self.english) }
        var texts = Self.arabic
        texts["within.days.two"] = nil
        #expect(throws: CatalogueError.missingKey("within.days.two", language: "ar")) { try Self.catalogue(.ar, texts).check(against: Self.english) }
    }

    @Test func emptyText() {
        var texts = Self.arabic
        texts["form.title"] = "  "
        #expect(throws: CatalogueError.empty("form.title", language: "ar")) { try Self.catalogue(.ar, texts).check(against: Self.english) }
    }

    @Test("a file that says it is another language's catalogue is refused")
    func wrongLanguage() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"language": "ur", "translated_by": "tests", "reviewed": false, "texts": {}}"#.utf8).write(to: file)
        #expect(throws: CatalogueError.self) { try Catalogue.load(file, language: .ar) }
        #expect(try Catalogue.load(file, language: .ur).reviewed == false)
        try Data(#"{"language": "ur", "texts": {}}"#.utf8).write(to: file)
        #expect(throws: CatalogueError.self, "who translated it, and whether it was reviewed, are required") { try Catalogue.load(file, language: .ur) }
    }

    @Test func fill() {
        #expect(Catalogue.fill("{a} and {b}", ["a": "{b}", "b": "x"]) == "{b} and x")
        #expect(Self.catalogue(.ar, Self.arabic).counted("within.days", 11) == "within.days.many")
    }
}
