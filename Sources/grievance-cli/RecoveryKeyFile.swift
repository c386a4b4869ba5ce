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

    /// Writes to a new file, owner-only; refuses to overwrite.
    static func write(_ text: String, to path: String) throws {
        try OwnerOnlyFile.write(Array((text + "\n").utf8), to: path)
    }
}
