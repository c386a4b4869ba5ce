import GrievanceCrypto

/// A person's passphrase, in guarded memory from the moment it is read: never a `String` the
/// runtime may copy where nothing zeroes it.
public struct Passphrase: Sendable {
    /// The shortest passphrase a new key is wrapped under.
    public static let minimumCount = 12

    let bytes: SecureBytes

    init(_ bytes: SecureBytes) { self.bytes = bytes }

    /// Reads up to `maximum` bytes into guarded memory through `fill` (from a terminal, say),
    /// which returns how many it wrote; nothing of it passes through ordinary memory.
    public static func reading(upTo maximum: Int, _ fill: (UnsafeMutableRawBufferPointer) -> Int) -> Passphrase {
        var length = 0
        let buffer = SecureBytes.make(count: maximum) { length = min(fill($0), maximum) }
        return Passphrase(buffer.withUnsafeBytes { all in
            SecureBytes.make(count: length) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[0..<length])) }
        })
    }

    /// For scripts and tests, where the passphrase is a string already.
    public init(utf8 text: String) { bytes = SecureBytes(utf8: text) }

    public var count: Int { bytes.count }

    public func constantTimeEquals(_ other: Passphrase) -> Bool { bytes.constantTimeEquals(other.bytes) }

    /// This passphrase, if it is long enough to wrap a new key under.
    func checkedNew() throws(CasesError) -> SecureBytes {
        guard count >= Self.minimumCount else { throw .invalid(.passphrase, .tooShort(minimumCharacters: Self.minimumCount)) }
        return bytes
    }
}
