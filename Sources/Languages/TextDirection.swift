/// Which way a language's lines run: the value of HTML's `dir`.
public enum TextDirection: String, Sendable {
    case leftToRight = "ltr"
    case rightToLeft = "rtl"
}
