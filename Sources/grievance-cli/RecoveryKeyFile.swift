import Foundation
import GrievanceCrypto

/// The recovery key as a person keeps it: a short text a backup restore reads back.
///
///     grievance-recovery-key/v1
///     public <hex of the X25519 public key>
///     secret <hex of the X25519 secret key>
enum RecoveryKeyFile {
    static let header = "grievance-recovery-key/v1"

    static func text(secret: SecureBytes, publicKey: BoxPublicKey) -> String {
        // The one place the secret becomes ordinary text: it is printed or written, once.
        let secretHex = secret.withUnsafeBytes { Hex.encode(Array($0)) }
        return "\(header)\npublic \(Hex.encode(publicKey.bytes))\nsecret \(secretHex)"
    }

    /// Reads a recovery key file back into a key pair, checking its two halves agree.
    static func read(_ path: String) throws -> BoxKeyPair {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIFailure(message: "cannot read \(path)", hint: "give the recovery key file written by `grievance-cli init`")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.first == header, let publicLine = lines.first(where: { $0.hasPrefix("public ") }),
              let secretLine = lines.first(where: { $0.hasPrefix("secret ") }),
              var secret = Hex.decode(String(secretLine.dropFirst(7))), secret.count == BoxKeyPair.secretKeyByteCount
        else { throw CLIFailure(message: "\(path) is not a recovery key file", hint: "it starts with the line \(header)") }
        defer { secret.withUnsafeMutableBytes { ConstantTime.zero($0) } }
        guard let keyPair = try? BoxKeyPair(secretKey: SecureBytes(copying: secret)),
              Hex.encode(keyPair.publicKey.bytes) == publicLine.dropFirst(7)
        else { throw CLIFailure(message: "\(path) is damaged: its secret and public halves do not match", hint: "check the copy against the one kept offline") }
        return keyPair
    }

    /// Writes to a new file, owner-only; refuses to overwrite.
    static func write(_ text: String, to path: String) throws {
        try OwnerOnlyFile.write(Array((text + "\n").utf8), to: path)
    }
}
