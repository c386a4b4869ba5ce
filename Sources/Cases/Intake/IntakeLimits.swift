import Languages

/// The bounds on what a report may hold, whoever files it: the API's document states them, and
/// a test holds the two together.
public enum IntakeLimits {
    /// Each text: the description, a message, a note, a reason; and each optional field of a report.
    public static let textBytes = 20_000
    /// The languages a report may say it was written in: those the intake page speaks. A
    /// fixed list, as the column is clear; the server's catalogues are held to it by a test.
    public static let languages = Language.allCases.map(\.rawValue)

    /// A text is blank when every scalar of it has Unicode's White_Space property; the document
    /// asks for one scalar outside that set with this pattern, word for word. Spelled out, since
    /// `\S` means another set in each regex engine (ECMAScript's leaves out U+0085, Python's adds
    /// U+001C–U+001F).
    public static let notBlankPattern = #"[^\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"#

    public static func isBlank(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(\.properties.isWhitespace) }

    /// People a reporter may ask be kept away.
    public static let excluded = 50
}
