import ArgumentParser
import Cases
import Foundation

/// `grievance-cli init`: a new data directory, its first administrator, the recovery key and
/// the log key.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a data directory: the database, the first administrator, the recovery key and the log key.",
        discussion: """
            Makes the data directory (mode 0700, files 0600; with --group, 2770 and 0660 for the \
            group's members, nothing for others) and asks for the administrator's new \
            passphrase twice, without echo (or reads GRIEVANCE_PASSPHRASE, or the file \
            GRIEVANCE_PASSPHRASE_FILE names). Prints the recovery \
            key's secret half once: it is the only way back into cases when handlers lose their \
            passphrases, and it is stored nowhere. Write it down or give --recovery-key-out FILE, \
            and keep it offline.

            Prints the organisation key, which certifies every person's keys: pin it where the data \
            directory's writers cannot reach (--org-key-out FILE, then install it as \
            /etc/grievance/organisation-key, owned by root, or give it to the server's --org-key). \
            Your own state ($XDG_STATE_HOME/grievance) pins it and the log key for you at once.
            """
    )

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption

    @Option(help: "The organisation's name.")
    var org: String

    @Option(help: ArgumentHelp("The first administrator's id (1-64 of a-z, 0-9, '.', '-', '_').", valueName: "ID"))
    var admin: String

    @Option(help: "The administrator's name as people know it (default: the id).")
    var adminName: String?

    @Option(help: "The procedure file to put in force (default: grievance-procedure.yaml in ./policies when there is one, else in share/grievance/policies beside this program's bin/).",
            completion: .file(extensions: ["yaml", "yml"]))
    var policy: String?

    @Option(help: ArgumentHelp("Write the recovery key's secret to this new file (mode 0600) instead of showing it.", valueName: "FILE"),
            completion: .file())
    var recoveryKeyOut: String?

    @Option(help: ArgumentHelp("Write the organisation key (public) to this new file, for the server's --org-key.", valueName: "FILE"),
            completion: .file())
    var orgKeyOut: String?

    @Option(help: ArgumentHelp("Argon2id cost of every passphrase: moderate (about 0.5 s per unlock) or interactive (for tests).",
                               valueName: "COST"))
    var keyCost = "moderate"

    @Option(help: "The public address of the intake page; events' links are made from it.")
    var intakeURL = "http://127.0.0.1:8080"

    @Option(help: ArgumentHelp("Share the data directory with this group (mode 2770, files 0660; nothing for others): each handler works it from their own account in the group.",
                               valueName: "GROUP"))
    var group: String?

    @Option(help: ArgumentHelp("Keep the tables in this PostgreSQL database instead of SQLite in the data directory (several server instances over one database; docs/OPERATIONS.md). The password is never in the URL nor in config.json: every program reads it from /etc/grievance/database-password, or the file GRIEVANCE_DATABASE_PASSWORD_FILE names, or GRIEVANCE_DATABASE_PASSWORD.",
                               valueName: "postgres://USER@HOST[:PORT]/DATABASE"))
    var database: String?

    @OptionGroup var output: JSONOption

    /// What `--json` prints: where everything is, and the recovery key's file or, without one,
    /// the key itself (prefer --recovery-key-out: JSON text is ordinary memory).
    private struct Report: Encodable {
        let organisation, dataDirectory, admin, logKey, organisationKey, auditOrigin, recoveryPublicKey: String
        let recoveryKeyFile, recoveryKey: String?

        enum CodingKeys: String, CodingKey {
            case organisation, admin
            case dataDirectory = "data_dir", logKey = "log_key", organisationKey = "organisation_key", auditOrigin = "audit_origin", recoveryPublicKey = "recovery_public_key"
            case recoveryKeyFile = "recovery_key_file", recoveryKey = "recovery_key"
        }
    }

    func run() throws {
        let policy = self.policy ?? SharedFiles.policies() + "/grievance-procedure.yaml"
        guard let procedureText = FileManager.default.contents(atPath: policy) else {
            throw CLIFailure(.notFound, message: "no procedure file at \(policy)",
                             hint: self.policy == nil ? "looked in \(SharedFiles.searched()): install with ./scripts/install, or give --policy FILE"
                                                      : "give --policy FILE, the procedure to put in force")
        }
        if let recoveryKeyOut, FileManager.default.fileExists(atPath: recoveryKeyOut) {
            throw CLIFailure(.unusable, message: "\(recoveryKeyOut) already exists", hint: "give a new file for --recovery-key-out; nothing was created")
        }
        if let orgKeyOut, FileManager.default.fileExists(atPath: orgKeyOut) {
            throw CLIFailure(.unusable, message: "\(orgKeyOut) already exists", hint: "give a new file for --org-key-out; nothing was created")
        }
        let passphrase = try PassphraseReader.readNew(environment: "GRIEVANCE_PASSPHRASE", prompt: "New passphrase for \(admin): ")
        // Everything that must not be lost — the key files, and what is printed, the recovery key
        // with it — is written before the data directory is committed (its config.json last):
        // if any of it fails, or the process dies first, there is no data directory whose
        // recovery key nobody has.
        let made = try DataDirectory.create(
            at: directory.path, organisation: org, adminID: admin, adminName: adminName ?? admin, passphrase: passphrase,
            procedureText: procedureText, procedureFile: policy, keyCost: keyCost, intakeURL: intakeURL, group: group,
            database: database,
            beforeCommit: { made in
                if let recoveryKeyOut { try made.recoveryKey.write(to: recoveryKeyOut) }
                if let orgKeyOut { try OwnerOnlyFile.write(Array((made.organisationKey.description + "\n").utf8), to: orgKeyOut) }
                try show(made)
            })
        // Whoever ran init trusts these keys from the start: their own state pins them. The data
        // directory exists now, so a state that cannot be written is a warning, not a failure.
        do {
            var pins = try Pins(for: directory, origin: made.installation.configuration.auditOrigin)
            pins.forget(origin: made.installation.configuration.auditOrigin)
            try pins.remember(logKey: try made.installation.administration.logVerifierKey() ?? "", organisationKey: made.organisationKey.description)
        } catch {
            var standardError = StandardError()
            print("grievance-cli: warning: your own state could not pin the new keys (\(ErrorReport.words(for: error)?.message ?? "\(error)")); "
                  + "they are pinned on your first command instead — compare them with the ones above", to: &standardError)
        }
    }

    /// What `init` prints (the recovery key among it, when no file was given), before the data
    /// directory is committed.
    private func show(_ made: NewInstallation) throws {
        let recoveryKey = made.recoveryKey
        let writtenTo = recoveryKeyOut
        let logKey = try made.installation.administration.logVerifierKey() ?? ""
        let organisationKey = made.organisationKey.description
        if output.enabled {
            let report = Report(
                organisation: org, dataDirectory: made.installation.directory.path, admin: admin, logKey: logKey, organisationKey: organisationKey,
                auditOrigin: made.installation.configuration.auditOrigin, recoveryPublicKey: recoveryKey.publicKeyHex, recoveryKeyFile: writtenTo,
                recoveryKey: nil)
            guard writtenTo == nil else { return try Output.json(report) }
            // The recovery key goes into the JSON straight from guarded memory, never through a
            // String: the document is written in three parts, the key's newlines escaped.
            var head = try CasesJSON.encode(report, pretty: false)
            head.removeLast()  // the closing brace
            FileHandle.standardOutput.write(head + Data(#","recovery_key":""#.utf8))
            recoveryKey.withFileText { text in
                let body = UnsafeRawBufferPointer(rebasing: text.dropLast())  // the final newline
                var start = body.startIndex
                for index in body.indices where body[index] == UInt8(ascii: "\n") {
                    Output.write(UnsafeRawBufferPointer(rebasing: body[start..<index]))
                    FileHandle.standardOutput.write(Data(#"\n"#.utf8))
                    start = index + 1
                }
                Output.write(UnsafeRawBufferPointer(rebasing: body[start...]))
            }
            FileHandle.standardOutput.write(Data("\"}\n".utf8))
            return
        }
        print("Created \(made.installation.directory.path) for \(org).")
        print("  administrator:    \(admin)")
        print("  log key:          \(logKey)")
        print("  organisation key: \(organisationKey)\(orgKeyOut.map { " (written to \($0))" } ?? "")")
        print("  procedure:        \(TerminalText.line(made.installation.procedure.name)) (sha256 \(made.installation.procedure.sha256.prefix(16))…)")
        if let writtenTo {
            print("  recovery key:     written to \(writtenTo) — move it offline, and delete it from this machine.")
        } else {
            print("""

                RECOVERY KEY — shown this once, stored nowhere. Anyone holding it can open every case.
                Write it on paper or keep it on an offline device, in a safe; do not keep it on this machine.

                """)
            // Straight from guarded memory to the terminal: never a String.
            fflush(nil)
            recoveryKey.withFileText(Output.write)
        }
        fflush(nil)
    }
}
