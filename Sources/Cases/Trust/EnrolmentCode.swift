import GrievanceCrypto

/// The one-time code an administrator hands a new person (or one brought back by recovery):
/// 20 characters of Crockford base32, 100 random bits, shown as `ABCDE-FGHIJ-KLMNO-PQRST`. It
/// is never stored. From it come a one-time signing key — named by the administrator's signed
/// ticket, it signs the person's own new keys into their certificate — and a one-time box key,
/// to which recovery seals the case keys the person held until they enrol.
public struct EnrolmentCode: Sendable, CustomStringConvertible {
    public static let characterCount = 20
    static let signingLabel = SecureBytes(utf8: "grievance/v1/enrolment-signing")
    static let boxLabel = SecureBytes(utf8: "grievance/v1/enrolment-box")

    private let characters: SecureBytes

    static func generate() -> EnrolmentCode {
        var random = CrockfordBase32.random(count: characterCount)
        defer { for index in random.indices { random[index] = 0 } }
        return EnrolmentCode(characters: SecureBytes(copying: random))
    }

    private init(characters: SecureBytes) { self.characters = characters }

    /// Reads a code as a person typed it: case, spaces and dashes do not matter.
    public init(parsing text: String) throws(CasesError) {
        do {
            let receiptShaped = try Receipt(parsing: text)
            characters = receiptShaped.canonicalCharacters
        } catch {
            throw .invalid(.enrolmentCode, .malformed("an enrolment code is 20 letters and digits, in four groups of five"))
        }
    }

    /// The code to hand over, in four groups of five: the one place it leaves guarded memory.
    public var formatted: String {
        characters.withUnsafeBytes { bytes in
            stride(from: 0, to: Self.characterCount, by: 5).map { String(decoding: bytes[$0..<$0 + 5], as: UTF8.self) }.joined(separator: "-")
        }
    }

    var signingKeyPair: SigningKeyPair {
        let seed = characters.withUnsafeBytes { try! BLAKE2b.hash($0, key: Self.signingLabel) }  // the label is a valid key
        return seed.withUnsafeBytes { try! SigningKeyPair(seed: SecureBytes(copying: $0)) }  // 32 bytes, the seed size
    }

    var boxKeyPair: BoxKeyPair {
        let seed = characters.withUnsafeBytes { try! BLAKE2b.hash($0, key: Self.boxLabel) }
        return seed.withUnsafeBytes { try! BoxKeyPair(seed: SecureBytes(copying: $0)) }
    }

    public var description: String { "EnrolmentCode(redacted)" }
}
