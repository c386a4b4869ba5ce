import CSodium

/// ISO/IEC 7816-4 padding (`sodium_pad`), so a ciphertext's length reveals only which block-sized
/// bucket its plaintext falls in, not its exact size.
public enum Padding {
    public static func pad(_ bytes: [UInt8], blockSize: Int) throws(CryptoError) -> [UInt8] {
        guard blockSize > 0 else { throw .invalidParameters("padding block size must be positive") }
        Sodium.ensureInitialised()
        // sodium_pad always adds at least one byte.
        let capacity = (bytes.count / blockSize + 1) * blockSize
        var buffer = bytes + [UInt8](repeating: 0, count: capacity - bytes.count)
        var paddedLength = 0
        let status = buffer.withUnsafeMutableBufferPointer { out in
            sodium_pad(&paddedLength, out.baseAddress!, bytes.count, blockSize, capacity)
        }
        guard status == 0 else { throw .operationFailed("padding") }
        return Array(buffer[0..<paddedLength])
    }

    public static func unpad(_ bytes: [UInt8], blockSize: Int) throws(CryptoError) -> [UInt8] {
        guard blockSize > 0 else { throw .invalidParameters("padding block size must be positive") }
        guard !bytes.isEmpty, bytes.count % blockSize == 0 else { throw .malformed("padding") }
        Sodium.ensureInitialised()
        var unpaddedLength = 0
        let status = bytes.withUnsafeBufferPointer { input in
            sodium_unpad(&unpaddedLength, input.baseAddress!, input.count, blockSize)
        }
        guard status == 0 else { throw .malformed("padding") }
        return Array(bytes[0..<unpaddedLength])
    }
}
