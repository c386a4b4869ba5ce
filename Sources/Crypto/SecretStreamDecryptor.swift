import CSodium

/// The receiving half of `crypto_secretstream_xchacha20poly1305`. Call `finish()` once the input
/// ends: a stream that never delivered its final chunk was truncated.
public struct SecretStreamDecryptor: ~Copyable {
    private let state: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>
    public private(set) var isFinished = false

    public init(key: SymmetricKey, header: [UInt8]) throws(CryptoError) {
        guard header.count == SecretStreamEncryptor.headerByteCount else {
            throw .badLength("secretstream header", expected: SecretStreamEncryptor.headerByteCount, actual: header.count)
        }
        let state = SecretStreamState.allocate()
        let status = key.withUnsafeKeyPointer { keyPointer in
            crypto_secretstream_xchacha20poly1305_init_pull(state, header, keyPointer)
        }
        guard status == 0 else {
            SecretStreamState.release(state)
            throw .malformed("secretstream header")
        }
        self.state = state
    }

    /// Decrypts and authenticates the next chunk; `isFinal` is true for the sender's last one.
    public mutating func pull(
        _ chunk: [UInt8], associatedData: [UInt8] = []
    ) throws(CryptoError) -> (plaintext: [UInt8], isFinal: Bool) {
        guard !isFinished else { throw .streamFinished }
        guard chunk.count >= SecretStreamEncryptor.chunkOverhead else { throw .authenticationFailed }
        var tag: UInt8 = 0
        var written: UInt64 = 0
        var plaintext = [UInt8](repeating: 0, count: chunk.count - SecretStreamEncryptor.chunkOverhead)
        let state = self.state
        let status = plaintext.withUnsafeMutableBufferPointer { out in
            chunk.withUnsafeBufferPointer { input in
                associatedData.withUnsafeBufferPointer { ad in
                    crypto_secretstream_xchacha20poly1305_pull(
                        state, out.baseAddress ?? scratchOutput, &written, &tag,
                        input.baseAddress!, UInt64(input.count), ad.baseAddress, UInt64(ad.count))
                }
            }
        }
        guard status == 0 else { throw .authenticationFailed }
        // Only MESSAGE and FINAL are ever pushed here; any other tag is a forged stream.
        switch Int32(tag) {
        case Int32(crypto_secretstream_xchacha20poly1305_TAG_MESSAGE):
            return (plaintext, false)
        case Int32(crypto_secretstream_xchacha20poly1305_TAG_FINAL):
            isFinished = true
            return (plaintext, true)
        default:
            throw .malformed("secretstream chunk tag")
        }
    }

    /// Confirms the stream ended properly; throws `streamTruncated` if the final chunk never came.
    public func finish() throws(CryptoError) {
        guard isFinished else { throw .streamTruncated }
    }

    deinit { SecretStreamState.release(state) }
}
