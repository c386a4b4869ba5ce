import GrievanceCrypto

/// What a reporter keeps to come back to their case: 20 characters of Crockford base32, 100
/// random bits, shown as `ABCDE-FGHIJ-KLMNO-PQRST`.
///
/// The receipt is never stored. From it come two things, each under its own domain label:
/// the reporter's X25519 key pair, which the case key is sealed to, and the lookup hash, keyed
/// with the data directory's pepper, by which the case is found. Someone holding only the
/// database can neither find a case from a guessed receipt nor open one.
public struct Receipt: Sendable, CustomStringConvertible {
    public static let characterCount = 20
    static let keyPairLabel = SecureBytes(utf8: "grievance/v1/receipt-keypair")
    static let lookupLabel: [UInt8] = Array("grievance/v1/receipt-lookup".utf8) + [0]

    /// The 20 canonical characters, in guarded memory.
    private let characters: SecureBytes

    /// A fresh receipt.
    public static func generate() -> Receipt {
        var random = CrockfordBase32.random(count: characterCount)
        defer { for index in random.indices { random[index] = 0 } }
        return Receipt(characters: SecureBytes(copying: random))
    }

    /// Reads a receipt as a person typed it: case, spaces and dashes do not matter, and O, I
    /// and L are read as 0, 1 and 1.
    public init(parsing text: String) throws(ReceiptError) {
        var canonical: [UInt8] = []
        canonical.reserveCapacity(Self.characterCount)
        defer { for index in canonical.indices { canonical[index] = 0 } }
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: " ") { continue }
            guard let value = CrockfordBase32.value(of: byte) else { throw .badCharacter }
            guard canonical.count < Self.characterCount else { throw .wrongLength }
            canonical.append(CrockfordBase32.alphabet[Int(value)])
        }
        guard canonical.count == Self.characterCount else { throw .wrongLength }
        characters = SecureBytes(copying: canonical)
    }

    private init(characters: SecureBytes) {
        self.characters = characters
    }

    /// The receipt for the reporter to keep, in four groups of five. The one place the secret
    /// leaves guarded memory: show it, then let it go.
    public var formatted: String {
        characters.withUnsafeBytes { bytes in
            stride(from: 0, to: Self.characterCount, by: 5)
                .map { String(decoding: bytes[$0..<$0 + 5], as: UTF8.self) }
                .joined(separator: "-")
        }
    }

    /// The reporter's key pair, to open their case.
    public var keyPair: BoxKeyPair {
        // Straight from the digest into guarded memory: never through an array Swift may copy.
        seed.withUnsafeBytes { try! BoxKeyPair(seed: SecureBytes(copying: $0)) }  // 32 bytes, the seed size
    }

    /// The public half alone, which is all filing needs: the case key is sealed to it.
    public var publicKey: BoxPublicKey {
        try! seed.withUnsafeBytes { try BoxPublicKey(seed: $0) }  // 32 bytes, the seed size
    }

    private var seed: Digest {
        characters.withUnsafeBytes { try! BLAKE2b.hash($0, key: Self.keyPairLabel) }  // the label is a valid key
    }

    /// The hash the case is stored under, keyed with the data directory's pepper.
    public func lookupHash(pepper: SecureBytes) throws(CryptoError) -> Digest {
        var hasher = try BLAKE2bHasher(key: pepper)
        hasher.update(Self.lookupLabel)
        characters.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()
    }

    /// The canonical characters, for a code of the same shape (`EnrolmentCode`).
    var canonicalCharacters: SecureBytes { characters }

    public func constantTimeEquals(_ other: Receipt) -> Bool { characters.constantTimeEquals(other.characters) }

    public var description: String { "Receipt(redacted)" }
}
