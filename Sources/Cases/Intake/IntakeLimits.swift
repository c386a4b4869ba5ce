/// The bounds on what a report may hold, whoever files it: the API's document states them, and
/// a test holds the two together.
public enum IntakeLimits {
    /// Each text: the description, a message, a note, a reason; and each optional field of a report.
    public static let textBytes = 20_000
    public static let genderBytes = 64
    public static let languageBytes = 16
    /// People a reporter may ask be kept away.
    public static let excluded = 50
}
