import ArgumentParser
import Cases
import Foundation

struct RotateRecoveryKeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate",
        abstract: "Replace the recovery key: every case key, the log key and the organisation key sealed to the new one instead.",
        discussion: """
            Needs the current recovery key file; writes the new one to --out (a new file, mode \
            0600), in one transaction with the re-sealing. Move the new file offline and destroy \
            the old one only once every backup sealed to it has expired (`backup prune`): backups \
            made before the rotation open with the old key alone. A running server seals new cases \
            to the new key from its next filing. Logged as done by the recovery key.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var organisationKey: OrganisationKeyOption
    @OptionGroup var output: JSONOption

    @Option(name: .customLong("recovery-key"), help: ArgumentHelp("The current recovery key file.", valueName: "FILE"), completion: .file())
    var recoveryKey: String

    @Option(help: ArgumentHelp("The new recovery key file to write (must not exist).", valueName: "FILE"), completion: .file())
    var out: String

    private struct Rotated: Encodable {
        let recoveryPublicKey: String
        let file: String

        enum CodingKeys: String, CodingKey {
            case file
            case recoveryPublicKey = "recovery_public_key"
        }
    }

    func run() throws {
        if FileManager.default.fileExists(atPath: out) { throw FileError(path: out, code: .exists) }
        let current = try RecoveryKey.read(from: recoveryKey)
        let installation = try organisationKey.pinned.map { try DataDirectory(path: directory.path).open(organisationKey: $0) } ?? directory.open()
        // The new key is written, and flushed, before the rotation commits; a rotation that
        // then fails leaves a key file nothing is sealed to, which is removed.
        var written = false
        let fresh: RecoveryKey
        do {
            fresh = try installation.administration.rotateRecoveryKey(current) { fresh in
                try fresh.write(to: out)
                written = true
            }
        } catch {
            if written { unlink(out) }
            throw error
        }
        if output.enabled { return try Output.json(Rotated(recoveryPublicKey: fresh.publicKeyHex, file: out)) }
        print("The recovery key is rotated; the new one is in \(out) (public \(fresh.publicKeyHex.prefix(16))…).")
        print("Move it offline. Keep the old one until every backup made before now has expired.")
    }
}
