import CSodium

/// The sending half of `crypto_secretstream_xchacha20poly1305`: encrypts a long payload (an
/// attachment, a backup) chunk by chunk so memory stays flat. The receiver detects any chunk that
/// was altered, dropped, reordered or duplicated, and a stream cut off before its final chunk.
///
/// Non-copyable: the stream state holds key material and must have a single owner; it lives in
/// guarded memory and is zeroed when the encryptor ends.
public struct SecretStreamEncryptor: ~Copyable {
    public static let headerByteCount = Int(crypto_secretstream_xchacha20poly1305_HEADERBYTES)
    /// Bytes each chunk adds to its plaintext.
    public static let chunkOverhead = Int(crypto_secretstream_xchacha20poly1305_ABYTES)

    private let state: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>
    /// Sent before the first chunk; the receiver needs it to start.
    public let header: [UInt8]
    public private(set) var isFinished = false

    public init(key: SymmetricKey) {
        let state = SecretStreamState.allocate()
        var header = [UInt8](repeating: 0, count: Self.headerByteCount)
        key.withUnsafeKeyPointer { keyPointer in
            _ = crypto_secretstream_xchacha20poly1305_init_push(state, &header, keyPointer)
        }
        self.state = state
        self.header = header
    }

    /// Encrypts one chunk. Mark the last chunk `final`; nothing may be pushed after it.
    public mutating func push(
        _ chunk: UnsafeRawBufferPointer, associatedData: [UInt8] = [], final: Bool = false
    ) throws(CryptoError) -> [UInt8] {
        guard !isFinished else { throw .streamFinished }
        return pushUnchecked(chunk, associatedData: associatedData, final: final)
    }

    private mutating func pushUnchecked(_ chunk: UnsafeRawBufferPointer, associatedData: [UInt8], final: Bool) -> [UInt8] {
        let length = chunk.count + Self.chunkOverhead
        let tag = UInt8(final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : crypto_secretstream_xchacha20poly1305_TAG_MESSAGE)
        let state = self.state
        let output = [UInt8](unsafeUninitializedCapacity: length) { out, initialised in
            var written: UInt64 = 0
            associatedData.withUnsafeBufferPointer { ad in
                _ = crypto_secretstream_xchacha20poly1305_push(
                    state, out.baseAddress!, &written,
                    chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyInput, UInt64(chunk.count),
                    ad.baseAddress, UInt64(ad.count), tag)
            }
            initialised = length
        }
        isFinished = final
        return output
    }

    public mutating func push(_ chunk: [UInt8], associatedData: [UInt8] = [], final: Bool = false) throws(CryptoError) -> [UInt8] {
        guard !isFinished else { throw .streamFinished }
        return chunk.withUnsafeBytes { pushUnchecked($0, associatedData: associatedData, final: final) }
    }

    deinit { SecretStreamState.release(state) }
}
