/// The bounds on what a report may hold, whoever files it: the API's document states them, and
/// a test holds the two together.
public enum IntakeLimits {
    /// Each text: the description, a message, a note, a reason; and each optional field of a report.
    public static let textBytes = 20_000
    /// Counted in characters as the document's `maxLength` counts them (Unicode scalars), not in
    /// bytes: a client built from the document must foresee the refusal, and a short word in a
    /// three-byte script is no longer than one in ASCII.
    public static let genderCharacters = 64
    public static let languageBytes = 16
    /// A language tag in BCP 47's shape: a language of 2 to 8 letters, then subtags of 1 to 8
    /// letters and digits after hyphens (`fr`, `pt-BR`, `uz-Cyrl`), at most `languageBytes` in all.
    /// The document states it as this pattern, word for word.
    public static let languageTagPattern = "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"

    public static func isLanguageTag(_ text: String) -> Bool {
        guard text.utf8.count <= languageBytes else { return false }
        let subtags = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) }
        guard let language = subtags.first, (2...8).contains(language.count), language.allSatisfy(isLetter) else { return false }
        return subtags.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy(isAlphanumeric) }
    }
    /// A text is blank when every scalar of it has Unicode's White_Space property; the document
    /// asks for one scalar outside that set with this pattern, word for word. Spelled out, since
    /// `\S` means another set in each regex engine (ECMAScript's leaves out U+0085, Python's adds
    /// U+001C–U+001F).
    public static let notBlankPattern = #"[^\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"#

    public static func isBlank(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(\.properties.isWhitespace) }

    /// People a reporter may ask be kept away.
    public static let excluded = 50
}
