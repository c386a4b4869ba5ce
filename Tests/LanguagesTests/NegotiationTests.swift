import Languages
import Testing

@Suite("Accept-Language: quality values honoured, regional and script subtags fall back to the language")
struct NegotiationTests {
    @Test("the header's choice", arguments: [
        ("pt-BR", Language.pt),
        ("pt-BR,pt;q=0.9,en;q=0.8", .pt),
        ("uz-Cyrl", .uz),
        ("uz-Latn-UZ", .uz),
        ("ar-EG,ar;q=0.9", .ar),
        ("ur-PK", .ur),
        ("de-DE,de;q=0.9,fr;q=0.5,en;q=0.3", .fr),  // German is not spoken here: the next best is
        ("en;q=0.4, ar;q=0.9", .ar),  // quality, not order
        ("sw;q=0.8, kk;q=0.8", .sw),  // a tie goes to the one named first
        ("EN-gb", .en),
        ("zh-CN, th;q=0.1", .th),
        ("*", .en),
        ("de, *;q=0.5", .en),
        ("ru;q=0, *", .en),
        ("en;q=0, *", .ru),  // the wildcard reaches every language not refused, in the catalogue's order
        ("hi ; q = 0.7 , ne;q=0.71", .ne),
        ("fr;q=abc, en;q=2", .fr),
        ("pt-BR;q=0, pt", .pt),  // one variant refused, the language still welcome
        ("pt-BR;q=0.1, ar;q=0.5, pt", .pt),  // the best of a language's tags counts  // a quality out of reading is ignored: both count as 1, the first wins
    ])
    func chosen(header: String, expected: Language) {
        #expect(Language.negotiate(header) == expected, "\(header)")
    }

    @Test("nothing acceptable is spoken here, or the header is missing or refuses everything", arguments: [
        "de-DE", "zh, ja;q=0.9", "pt;q=0", "", ",;,", "*;q=0",
    ])
    func none(header: String) {
        #expect(Language.negotiate(header) == nil, "\(header)")
    }

    @Test func missing() {
        #expect(Language.negotiate(nil) == nil)
    }
}
