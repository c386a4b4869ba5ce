/// Crockford's base32 alphabet: digits and capitals without I, L, O and U, so that what a
/// frightened person copies from a screen or reads over a phone comes back right.
enum CrockfordBase32 {
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// The value of a character, forgiving case and the usual confusions (O→0, I and L→1);
    /// nil for anything else.
    static func value(of character: UInt8) -> UInt8? {
        var upper = character
        if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(upper) { upper -= 32 }
        switch upper {
        case UInt8(ascii: "O"): upper = UInt8(ascii: "0")
        case UInt8(ascii: "I"), UInt8(ascii: "L"): upper = UInt8(ascii: "1")
        default: break
        }
        return alphabet.firstIndex(of: upper).map(UInt8.init)
    }

    /// `count` random characters, each uniform over the 32.
    static func random(count: Int) -> [UInt8] {
        (0..<count).map { _ in alphabet[Int(RandomIndex.below(32))] }
    }
}
