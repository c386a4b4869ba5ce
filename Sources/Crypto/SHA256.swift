import CSodium

/// SHA-256, as Certificate Transparency, sigsum and Rekor use for their logs, so that standard
/// tools can check ours.
public enum SHA256 {
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> Digest {
        Sodium.ensureInitialised()
        return Digest.filling { out in
            _ = crypto_hash_sha256(
                out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyInput, UInt64(bytes.count))
        }
    }

    public static func hash(_ bytes: [UInt8]) -> Digest {
        bytes.withUnsafeBytes { hash($0) }
    }
}
