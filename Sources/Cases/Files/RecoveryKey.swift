import GrievanceCrypto

/// The organisation's recovery key: made at `init`, shown once or written to one file, kept
/// offline, and the only way back into cases when people lose their passphrases. Its file is
/// three lines of text, the secret half never leaving guarded memory on its way in or out:
///
///     grievance-recovery-key/v1
///     public <hex of the X25519 public key>
///     secret <hex of the X25519 secret key>
public struct RecoveryKey: Sendable {
    static let header = "grievance-recovery-key/v1"
    static let maximumFileBytes = 4096

    let keyPair: BoxKeyPair

    init(_ keyPair: BoxKeyPair) { self.keyPair = keyPair }

    public var publicKeyHex: String { Hex.encode(keyPair.publicKey.bytes) }

    /// The file's text, in guarded memory, for `body` to show or write; gone when it returns.
    public func withFileText<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let head = Array("\(Self.header)\npublic \(publicKeyHex)\nsecret ".utf8)
        let secretHex = Hex.encode(secret: keyPair.secretKey)
        let text = secretHex.withUnsafeBytes { hex in
            SecureBytes.make(count: head.count + hex.count + 1) { out in
                out.copyBytes(from: head)
                UnsafeMutableRawBufferPointer(rebasing: out[head.count..<head.count + hex.count]).copyMemory(from: hex)
                out[out.count - 1] = UInt8(ascii: "\n")
            }
        }
        return try text.withUnsafeBytes(body)
    }

    /// Writes the file, new and owner-only.
    public func write(to path: String) throws(FileError) {
        try withFileText { text in Result { () throws(FileError) in try OwnerOnlyFile.write(text, to: path) } }.get()
    }

    /// Reads a recovery key file, checking its two halves agree.
    public static func read(from path: String) throws(FileError) -> RecoveryKey {
        let unrecognised = FileError(path: path, code: .unrecognised(expected: "a recovery key file (its first line is \(header))"))
        let text = try SecretFile.read(path, maximumBytes: maximumFileBytes)
        let parts: (publicHex: String, secret: SecureBytes)? = text.withUnsafeBytes { bytes in
            let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            guard lines.first.map({ Array($0) == Array(header.utf8) }) == true,
                  let publicLine = lines.first(where: { $0.starts(with: "public ".utf8) }),
                  let secretLine = lines.first(where: { $0.starts(with: "secret ".utf8) }),
                  let secret = Hex.decodeSecret(UnsafeRawBufferPointer(rebasing: secretLine.dropFirst(7)))
            else { return nil }
            return (String(decoding: publicLine.dropFirst(7), as: UTF8.self), secret)
        }
        guard let parts, parts.secret.count == BoxKeyPair.secretKeyByteCount else { throw unrecognised }
        guard let keyPair = try? BoxKeyPair(secretKey: parts.secret), Hex.encode(keyPair.publicKey.bytes) == parts.publicHex.lowercased() else {
            throw FileError(path: path, code: .damaged("its secret and public halves do not match"))
        }
        return RecoveryKey(keyPair)
    }
}
