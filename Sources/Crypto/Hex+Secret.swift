import CSodium

extension Hex {
    /// Lower-case hexadecimal of a secret, written straight into guarded memory: for a secret
    /// key that a person must be shown or keep in a file once, and nowhere else.
    public static func encode(secret: SecureBytes) -> SecureBytes {
        Sodium.ensureInitialised()
        // sodium_bin2hex writes a terminating NUL, which the result leaves out.
        let terminated = secret.withUnsafeBytes { input in
            SecureBytes.make(count: input.count * 2 + 1) { out in
                _ = sodium_bin2hex(out.baseAddress!.assumingMemoryBound(to: CChar.self), out.count,
                                   input.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyInput, input.count)
            }
        }
        return terminated.withUnsafeBytes { all in
            SecureBytes.make(count: all.count - 1) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: all.dropLast())) }
        }
    }

    /// Decodes the hexadecimal of a secret (either case) straight into guarded memory; nil for
    /// odd length or any character that is not hex.
    public static func decodeSecret(_ text: UnsafeRawBufferPointer) -> SecureBytes? {
        Sodium.ensureInitialised()
        guard text.count % 2 == 0, text.count > 0 else { return nil }
        return try? SecureBytes.make(count: text.count / 2) { (out) throws(CryptoError) in
            var written = 0
            let status = sodium_hex2bin(out.baseAddress!.assumingMemoryBound(to: UInt8.self), out.count,
                                        text.baseAddress!.assumingMemoryBound(to: CChar.self), text.count, nil, &written, nil)
            guard status == 0, written == out.count else { throw .malformed("hexadecimal") }
        }
    }
}
