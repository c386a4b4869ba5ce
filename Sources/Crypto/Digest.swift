/// A 32-byte hash value (SHA-256, or BLAKE2b-256), held inline without a heap allocation so that
/// hashing millions of log entries costs only the hash.
public struct Digest: Sendable, Hashable, CustomStringConvertible {
    public static let byteCount = 32

    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// Thirty-two zero bytes: the previous hash of a log's first entry.
    public static let zero = Digest()

    private init() {}

    public init(bytes: some Collection<UInt8>) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw .badLength("digest", expected: Self.byteCount, actual: bytes.count)
        }
        // Copying element by element through Collection costs more than hashing the entry
        // it came from; contiguous sources are copied in one go.
        let copied: Void? = bytes.withContiguousStorageIfAvailable { source in
            withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(source)) }
        }
        if copied == nil {
            withUnsafeMutableBytes { out in _ = out.initializeMemory(as: UInt8.self, from: bytes) }
        }
    }

    /// Copies exactly 32 bytes from raw memory (a database column, a slice of an entry).
    public init(bytes: UnsafeRawBufferPointer) throws(CryptoError) {
        guard bytes.count == Self.byteCount else {
            throw .badLength("digest", expected: Self.byteCount, actual: bytes.count)
        }
        withUnsafeMutableBytes { $0.copyMemory(from: bytes) }
    }

    /// Lets a hash function write the 32 bytes directly.
    static func filling(_ write: (UnsafeMutableRawBufferPointer) -> Void) -> Digest {
        var digest = Digest()
        digest.withUnsafeMutableBytes(write)
        return digest
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeBytes(of: words, body)
    }

    private mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeMutableBytes(of: &words, body)
    }

    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// Lower-case hexadecimal.
    public var hex: String { Hex.encode(bytes) }

    public var description: String { hex }

    public static func == (lhs: Digest, rhs: Digest) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1
            && lhs.words.2 == rhs.words.2 && lhs.words.3 == rhs.words.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
