import Foundation
import GrievanceCrypto

/// A whole case written out of the system for a lawyer or an authority (docs/FILE-FORMATS.md):
/// the JSON of `case show --json` with who exported it and when, either plain or sealed under a
/// passphrase with XChaCha20-Poly1305 and Argon2id — the format a person's wrapped keys use,
/// under its own label, so a key file can never pass for an export or the other way round.
public enum CaseExport {
    static let format = "grievance-case-export/v1"
    static let purpose = "grievance/v1/case-export"

    private struct Bundle: Encodable {
        let view: CaseView
        let exportedBy: String
        let exportedAt: Date

        enum CodingKeys: String, CodingKey {
            case format
            case exportedBy = "exported_by", exportedAt = "exported_at"
        }

        func encode(to encoder: any Encoder) throws {
            try view.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(CaseExport.format, forKey: .format)
            try container.encode(exportedBy, forKey: .exportedBy)
            try container.encode(exportedAt, forKey: .exportedAt)
        }
    }

    /// The export's bytes: the JSON and a newline, or the JSON sealed under `passphrase`.
    static func make(_ view: CaseView, exportedBy: String, at: Date, sealedWith passphrase: Passphrase?) throws -> [UInt8] {
        var json = try CasesJSON.encode(Bundle(view: view, exportedBy: exportedBy, exportedAt: at))
        defer { json.resetBytes(in: 0..<json.count) }
        guard let passphrase else { return [UInt8](json) + [0x0A] }
        let secret = json.withUnsafeBytes { SecureBytes(copying: $0) }
        return try WrappedSecret.wrap(secret, passphrase: try passphrase.checkedNew(), purpose: purpose).serialized
    }

    /// Opens a sealed export and gives its JSON to `body`, from guarded memory.
    public static func open<T>(_ bytes: [UInt8], path: String, passphrase: Passphrase, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        let sealed: WrappedSecret
        do {
            sealed = try WrappedSecret(serialized: bytes)
        } catch {
            throw FileError(path: path, code: .unrecognised(expected: "an encrypted case export"))
        }
        let json: SecureBytes
        do {
            json = try sealed.unwrap(passphrase: passphrase.bytes, purpose: purpose)
        } catch {
            throw FileError(path: path, code: .damaged("the passphrase is wrong, or the file was altered"))
        }
        return try json.withUnsafeBytes(body)
    }
}
