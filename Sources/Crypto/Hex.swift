import CSodium

/// Lower-case hexadecimal through libsodium's constant-time `sodium_bin2hex` / `sodium_hex2bin`,
/// for fingerprints, digests and test vectors.
public enum Hex {
    public static func encode(_ bytes: [UInt8]) -> String {
        Sodium.ensureInitialised()
        var out = [CChar](repeating: 0, count: bytes.count * 2 + 1)
        bytes.withUnsafeBufferPointer { input in
            _ = sodium_bin2hex(&out, out.count, input.baseAddress ?? emptyInput, input.count)
        }
        return String(decoding: out.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes hexadecimal (either case); nil for odd length or any non-hex character.
    public static func decode(_ text: String) -> [UInt8]? {
        Sodium.ensureInitialised()
        let input = Array(text.utf8)
        guard input.count % 2 == 0 else { return nil }
        var out = [UInt8](repeating: 0, count: input.count / 2)
        var written = 0
        var end: UnsafePointer<CChar>? = nil
        let status = input.withUnsafeBufferPointer { hex in
            hex.withMemoryRebound(to: CChar.self) { chars in
                sodium_hex2bin(
                    &out, out.count, chars.baseAddress ?? UnsafeRawPointer(emptyInput).assumingMemoryBound(to: CChar.self),
                    chars.count, nil, &written, &end)
            }
        }
        guard status == 0, written == out.count else { return nil }
        return out
    }
}
