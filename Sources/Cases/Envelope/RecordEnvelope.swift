import GrievanceCrypto

/// How one record of a case is encrypted: XChaCha20-Poly1305 under the case key, the plaintext
/// padded to 256-byte blocks so sizes say little, and associated data that binds the record to
/// its case, its sequence number and its kind. A ciphertext moved to another case, another
/// position or another kind does not open.
public enum RecordEnvelope {
    static let label: [UInt8] = Array("grievance/v1/record".utf8)
    public static let paddingBlock = 256

    public static func seal(_ plaintext: [UInt8], key: SymmetricKey, caseReference: String, sequence: UInt64, kind: RecordKind) -> [UInt8] {
        let padded = try! Padding.pad(plaintext, blockSize: paddingBlock)  // the block size is positive
        return XChaCha20Poly1305.seal(padded, key: key, associatedData: associatedData(caseReference: caseReference, sequence: sequence, kind: kind))
    }

    public static func open(_ sealed: [UInt8], key: SymmetricKey, caseReference: String, sequence: UInt64, kind: RecordKind) throws(CryptoError) -> [UInt8] {
        let padded = try XChaCha20Poly1305.open(sealed, key: key, associatedData: associatedData(caseReference: caseReference, sequence: sequence, kind: kind))
        return try Padding.unpad(padded, blockSize: paddingBlock)
    }

    /// label ‖ u32 length ‖ case reference ‖ u64 sequence ‖ u32 length ‖ kind, big-endian.
    static func associatedData(caseReference: String, sequence: UInt64, kind: RecordKind) -> [UInt8] {
        var ad = label
        appendLengthPrefixed(Array(caseReference.utf8), to: &ad)
        withUnsafeBytes(of: sequence.bigEndian) { ad.append(contentsOf: $0) }
        appendLengthPrefixed(Array(kind.rawValue.utf8), to: &ad)
        return ad
    }

    private static func appendLengthPrefixed(_ bytes: [UInt8], to out: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: bytes)
    }
}
