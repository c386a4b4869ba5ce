import Foundation
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DataDirectory {
    /// Makes a new installation: the folder, the pepper, the procedure, the database, the
    /// recovery key pair, the log key and the first administrator. On any failure the files
    /// made so far are removed, so a second attempt starts clean.
    public static func create(
        at path: String, organisation: String, adminID: String, adminName: String, passphrase: Passphrase,
        procedureText: Data, procedureFile: String, keyCost: String = "moderate", intakeURL: String = "http://127.0.0.1:8080",
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> NewInstallation {
        let directory = DataDirectory(path: path)
        // Everything that can be refused is refused before anything is written.
        let procedure = try ProcedureLoader.load(data: procedureText, file: procedureFile)
        guard InstallationConfiguration.keyCosts.contains(keyCost) else { throw CasesError.invalid(.keyCost, .notOneOf(InstallationConfiguration.keyCosts)) }
        guard let scheme = URL(string: intakeURL)?.scheme, ["http", "https"].contains(scheme) else { throw CasesError.invalid(.intakeURL, .notAWebAddress) }
        try Principal.checkNewID(adminID)
        _ = try passphrase.checkedNew()
        let madeFolder = try directory.makeEmptyFolder()
        do {
            let configuration = InstallationConfiguration(
                organisation: organisation, auditOrigin: "grievance/" + Hex.encode(RandomBytes.make(count: 8)), keyCost: keyCost, intakeURL: intakeURL)
            try writeNew(directory.configurationURL, bytes: try configuration.encoded())
            let pepper = SecureBytes.random(count: pepperByteCount)
            try pepper.withUnsafeBytes { try writeNew(directory.pepperURL, bytes: $0) }
            try writeNew(directory.procedureURL, bytes: [UInt8](procedureText))
            // SQLite gives its -wal and -shm files the mode of the database file.
            try writeNew(directory.databaseURL, bytes: [])
            let recovery = BoxKeyPair.generate()
            let organisationKey = SigningKeyPair.generate()
            let storage = try SQLiteCaseStorage(path: directory.databaseURL.path, auditOrigin: configuration.auditOrigin)
            try storage.write { repository in
                try repository.setSetting(Administration.recoveryKeySetting, recovery.publicKey.bytes)
                try repository.setSetting(Administration.organisationKeyPublicSetting, organisationKey.publicKey.bytes)
                try repository.setSetting(Administration.recoveryKeySignatureSetting,
                                          organisationKey.sign(Certification.recoveryKeyStatement(recovery.publicKey, origin: configuration.auditOrigin)))
            }
            let certification = Certification(origin: configuration.auditOrigin, organisationKey: organisationKey.publicKey)
            let ledger = Ledger(storage: storage, procedure: procedure, clock: clock, certification: certification,
                            recoveryPublicKey: recovery.publicKey)
            let installation = Installation(directory: directory, configuration: configuration, storage: storage, ledger: ledger, pepper: pepper,
                                            recoveryPublicKey: recovery.publicKey)
            let admin = try installation.administration.initialise(organisation: organisation, adminID: adminID, adminName: adminName,
                                                                   passphrase: passphrase, organisationKey: organisationKey)
            return NewInstallation(installation: installation, admin: admin, recoveryKey: RecoveryKey(recovery),
                                   organisationKey: try OrganisationKey(origin: configuration.auditOrigin, publicKey: organisationKey.publicKey))
        } catch {
            directory.removeMadeFiles(folder: madeFolder)
            throw error
        }
    }

    /// Makes the folder 0700, or takes an existing empty one and makes it 0700. True if made.
    private func makeEmptyFolder() throws -> Bool {
        if mkdir(path, 0o700) == 0 { return true }
        let problem = errno
        guard problem == EEXIST else { throw DataDirectoryError.cannotCreate(path, String(cString: strerror(problem))) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
              (try? FileManager.default.contentsOfDirectory(atPath: path))?.isEmpty == true
        else { throw DataDirectoryError.notEmpty(path) }
        guard chmod(path, 0o700) == 0 else { throw DataDirectoryError.cannotCreate(path, String(cString: strerror(errno))) }
        return false
    }

    private func removeMadeFiles(folder: Bool) {
        for name in ["config.json", "pepper", "procedure.yaml", "grievance.sqlite", "grievance.sqlite-wal", "grievance.sqlite-shm"] {
            unlink(url.appendingPathComponent(name).path)
        }
        if folder { rmdir(path) }
    }

    /// Writes a file of the data directory that must not exist yet, owner-only, flushed.
    private static func writeNew(_ url: URL, bytes: UnsafeRawBufferPointer) throws {
        do {
            try OwnerOnlyFile.write(bytes, to: url.path)
        } catch {
            throw DataDirectoryError.cannotCreate(url.path, "\(error.code)")
        }
    }

    private static func writeNew(_ url: URL, bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeNew(url, bytes: $0) }
    }
}
