import Foundation
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DataDirectory {
    /// Makes a new installation: the folder, the pepper, the procedure, the database, the
    /// recovery key pair, the log key and the first administrator. With `group`, the folder is
    /// shared with that group (2770, files 0660) and nothing for others.
    ///
    /// `config.json` is written last, by rename, after `beforeCommit` (where `init` writes the
    /// recovery key to its file): until it exists the folder is not a data directory, so a
    /// crash part-way leaves one that `create` finishes from the start; on any failure the
    /// files made so far are removed.
    public static func create(
        at path: String, organisation: String, adminID: String, adminName: String, passphrase: Passphrase,
        procedureText: Data, procedureFile: String, keyCost: String = "moderate", intakeURL: String = "http://127.0.0.1:8080",
        group: String? = nil, database: String? = nil, clock: @escaping @Sendable () -> Date = { Date() },
        beforeCommit: (NewInstallation) throws -> Void = { _ in }
    ) throws -> NewInstallation {
        let directory = DataDirectory(path: path)
        // Everything that can be refused is refused before anything is written.
        let procedure = try ProcedureLoader.load(data: procedureText, file: procedureFile)
        guard InstallationConfiguration.keyCosts.contains(keyCost) else { throw CasesError.invalid(.keyCost, .notOneOf(InstallationConfiguration.keyCosts)) }
        guard let scheme = URL(string: intakeURL)?.scheme, ["http", "https"].contains(scheme) else { throw CasesError.invalid(.intakeURL, .notAWebAddress) }
        try Principal.checkNewID(adminID)
        _ = try passphrase.checkedNew()
        if let database {
            do {
                _ = try PostgresLocation(parsing: database)
                _ = try PostgresLocation.password()
            } catch {
                throw CasesError.invalid(.database, .malformed(error.description))
            }
        }
        let gid = try group.map(Self.groupID)
        let madeFolder = try directory.makeEmptyFolder(gid: gid)
        let fileMode: mode_t = gid == nil ? 0o600 : 0o660
        do {
            let configuration = InstallationConfiguration(
                organisation: organisation, auditOrigin: "grievance/" + Hex.encode(RandomBytes.make(count: 8)), keyCost: keyCost, intakeURL: intakeURL,
                database: database)
            let pepper = SecureBytes.random(count: pepperByteCount)
            try pepper.withUnsafeBytes { try writeNew(directory.pepperURL, bytes: $0, mode: fileMode) }
            try writeNew(directory.procedureURL, bytes: [UInt8](procedureText), mode: fileMode)
            // SQLite gives its -wal and -shm files the mode of the database file.
            if database == nil { try writeNew(directory.databaseURL, bytes: [], mode: fileMode) }
            let recovery = BoxKeyPair.generate()
            let organisationKey = SigningKeyPair.generate()
            let storage = try directory.openStorage(configuration)
            // A database another installation uses is never taken over: its log has entries.
            // (One whose init stopped before its first entry is taken, as a folder is.)
            guard try storage.read({ try $0.auditSize() }) == 0 else {
                throw DataDirectoryError.databaseInUse(directory.storageDescription(configuration))
            }
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
            let made = NewInstallation(installation: installation, admin: admin, recoveryKey: RecoveryKey(recovery),
                                       organisationKey: try OrganisationKey(origin: configuration.auditOrigin, publicKey: organisationKey.publicKey))
            try beforeCommit(made)
            let pending = directory.url.appendingPathComponent(Self.pendingConfiguration)
            try writeNew(pending, bytes: try configuration.encoded(), mode: fileMode)
            guard rename(pending.path, directory.configurationURL.path) == 0 else {
                throw DataDirectoryError.cannotCreate(directory.configurationURL.path, String(cString: strerror(errno)))
            }
            Installation.syncFolder(of: directory.configurationURL.path)
            return made
        } catch {
            directory.removeMadeFiles(folder: madeFolder)
            throw error
        }
    }

    /// What `create` writes, and what a crash part-way may leave.
    private static let madeNames: Set<String> = ["config.json", pendingConfiguration, "pepper", "procedure.yaml", "grievance.sqlite",
                                                 "grievance.sqlite-wal", "grievance.sqlite-shm", "grievance.sqlite-journal"]
    private static let pendingConfiguration = "config.json.pending"

    /// Makes the folder (0700, or 2770 for group `gid`), or takes an existing one that is empty
    /// or holds only what an unfinished `create` left (no config.json), cleared. True if made.
    private func makeEmptyFolder(gid: gid_t?) throws -> Bool {
        var made = mkdir(path, 0o700) == 0
        if !made {
            let problem = errno
            guard problem == EEXIST else { throw DataDirectoryError.cannotCreate(path, String(cString: strerror(problem))) }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: path),
                  !names.contains("config.json"), names.allSatisfy(Self.madeNames.contains)
            else { throw DataDirectoryError.notEmpty(path) }
            removeMadeFiles(folder: false)
            made = false
        }
        if let gid {
            // The setgid bit makes what anyone in the group creates here (SQLite's -wal and
            // -shm) belong to the group too.
            guard chown(path, uid_t.max, gid) == 0, chmod(path, 0o2770) == 0 else {
                throw DataDirectoryError.cannotCreate(path, String(cString: strerror(errno)))
            }
        } else {
            guard chmod(path, 0o700) == 0 else { throw DataDirectoryError.cannotCreate(path, String(cString: strerror(errno))) }
        }
        return made
    }

    private static func groupID(_ name: String) throws -> gid_t {
        guard let entry = getgrnam(name) else { throw DataDirectoryError.noSuchGroup(name) }
        let gid = entry.pointee.gr_gid
        // The owner may give a file only to a group they are in.
        var groups = [gid_t](repeating: 0, count: Int(getgroups(0, nil)))
        let count = getgroups(Int32(groups.count), &groups)
        guard getegid() == gid || groups.prefix(Int(max(count, 0))).contains(gid) || geteuid() == 0 else { throw DataDirectoryError.noSuchGroup(name) }
        return gid
    }

    private func removeMadeFiles(folder: Bool) {
        for name in Self.madeNames {
            unlink(url.appendingPathComponent(name).path)
        }
        if folder { rmdir(path) }
    }

    /// Writes a file of the data directory that must not exist yet, flushed: owner-only, then
    /// given to the group when the folder is shared.
    private static func writeNew(_ url: URL, bytes: UnsafeRawBufferPointer, mode: mode_t) throws {
        do {
            try OwnerOnlyFile.write(bytes, to: url.path)
        } catch {
            throw DataDirectoryError.cannotCreate(url.path, "\(error.code)")
        }
        guard mode == 0o600 || chmod(url.path, mode) == 0 else { throw DataDirectoryError.cannotCreate(url.path, String(cString: strerror(errno))) }
    }

    private static func writeNew(_ url: URL, bytes: [UInt8], mode: mode_t) throws {
        try bytes.withUnsafeBytes { try writeNew(url, bytes: $0, mode: mode) }
    }
}
