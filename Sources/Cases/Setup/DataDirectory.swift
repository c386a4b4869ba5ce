import Foundation
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder one installation keeps everything in, owner-only (0700, files 0600):
///
///     config.json        organisation, audit origin, key cost, intake URL (InstallationConfiguration)
///     pepper             32 random bytes keying the receipt lookup; never in the database
///     procedure.yaml     the procedure in force, copied from policies/ at init
///     grievance.sqlite   the database (and its -wal and -shm, created with the same mode)
///
/// The recovery secret and the log key are never written here: the first is shown once, the
/// second is kept sealed to administrators inside the database.
public struct DataDirectory: Sendable {
    public let url: URL

    public init(path: String) { url = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL }

    public var path: String { url.path }
    public var configurationURL: URL { url.appendingPathComponent("config.json") }
    public var pepperURL: URL { url.appendingPathComponent("pepper") }
    public var procedureURL: URL { url.appendingPathComponent("procedure.yaml") }
    public var databaseURL: URL { url.appendingPathComponent("grievance.sqlite") }

    static let pepperByteCount = 32

    /// Makes a new installation: the folder, the pepper, the procedure, the database, the
    /// recovery key pair, the log key and the first administrator. On any failure the files
    /// made so far are removed, so a second attempt starts clean.
    public static func create(
        at path: String, organisation: String, adminID: String, adminName: String, passphrase: SecureBytes,
        procedureText: Data, procedureFile: String, keyCost: String = "moderate", intakeURL: String = "http://127.0.0.1:8080",
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> NewInstallation {
        let directory = DataDirectory(path: path)
        // Everything that can be refused is refused before anything is written.
        let procedure = try ProcedureLoader.load(data: procedureText, file: procedureFile)
        guard InstallationConfiguration.keyCosts.contains(keyCost) else {
            throw CasesError.invalid("key-cost", "use one of \(InstallationConfiguration.keyCosts.joined(separator: ", "))")
        }
        guard let scheme = URL(string: intakeURL)?.scheme, ["http", "https"].contains(scheme) else {
            throw CasesError.invalid("intake-url", "give an http or https address, e.g. https://report.example.org")
        }
        guard Principal.isValidID(adminID) else { throw CasesError.invalid("admin", "use 1 to 64 of a-z, 0-9, '.', '-' and '_'") }
        guard passphrase.count >= 12 else { throw CasesError.invalid("passphrase", "use at least 12 characters") }
        let madeFolder = try directory.makeEmptyFolder()
        do {
            let configuration = InstallationConfiguration(
                organisation: organisation, auditOrigin: "grievance/" + Hex.encode(RandomBytes.make(count: 8)),
                keyCost: keyCost, intakeURL: intakeURL)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try writeNew(directory.configurationURL, bytes: [UInt8](try encoder.encode(configuration)) + [0x0A])
            let pepper = SecureBytes.random(count: pepperByteCount)
            try pepper.withUnsafeBytes { try writeNew(directory.pepperURL, bytes: $0) }
            try writeNew(directory.procedureURL, bytes: [UInt8](procedureText))
            // SQLite gives its -wal and -shm files the mode of the database file.
            try writeNew(directory.databaseURL, bytes: [])
            let recovery = BoxKeyPair.generate()
            let storage = try SQLiteCaseStorage(path: directory.databaseURL.path, auditOrigin: configuration.auditOrigin)
            try storage.write { repository in try repository.setSetting(CaseService.recoveryKeySetting, recovery.publicKey.bytes) }
            let service = CaseService(storage: storage, procedure: procedure, pepper: pepper, recoveryPublicKey: recovery.publicKey,
                                      keyParameters: configuration.keyParameters, clock: clock)
            let admin = try service.initialise(organisation: organisation, adminID: adminID, adminName: adminName, passphrase: passphrase)
            return NewInstallation(
                installation: Installation(directory: directory, configuration: configuration, storage: storage, service: service),
                admin: admin, recoverySecret: recovery.secretKey, recoveryPublicKey: recovery.publicKey)
        } catch {
            directory.removeMadeFiles(folder: madeFolder)
            throw error
        }
    }

    /// Opens an installation made by `create`, refusing a folder other users can read.
    public func open(clock: @escaping @Sendable () -> Date = { Date() }) throws -> Installation {
        var status = stat()
        guard stat(path, &status) == 0 else { throw DataDirectoryError.missing(path) }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { throw DataDirectoryError.unreadable(path, "is not a folder") }
        guard status.st_mode & 0o077 == 0 else { throw DataDirectoryError.exposed(path, mode: UInt16(status.st_mode & 0o7777)) }
        guard FileManager.default.fileExists(atPath: configurationURL.path) else { throw DataDirectoryError.notInitialised(path) }
        let configuration: InstallationConfiguration
        do {
            configuration = try JSONDecoder().decode(InstallationConfiguration.self, from: Data(contentsOf: configurationURL))
        } catch {
            throw DataDirectoryError.unreadable(configurationURL.path, "does not parse (\(error.localizedDescription))")
        }
        let pepper = try readSecret(pepperURL, count: Self.pepperByteCount)
        let procedure = try ProcedureLoader.load(contentsOf: procedureURL)
        guard FileManager.default.fileExists(atPath: databaseURL.path) else { throw DataDirectoryError.unreadable(databaseURL.path, "is missing") }
        let storage = try SQLiteCaseStorage(path: databaseURL.path, auditOrigin: configuration.auditOrigin)
        guard let recoveryBytes = try storage.read({ try $0.setting(CaseService.recoveryKeySetting) }),
              let recoveryKey = try? BoxPublicKey(bytes: recoveryBytes)
        else { throw DataDirectoryError.unreadable(databaseURL.path, "holds no recovery public key") }
        let service = CaseService(storage: storage, procedure: procedure, pepper: pepper, recoveryPublicKey: recoveryKey,
                                  keyParameters: configuration.keyParameters, clock: clock)
        try service.recordProcedureInForce()
        return Installation(directory: self, configuration: configuration, storage: storage, service: service)
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

    /// Writes a file that must not exist yet, owner-only, and flushes it to disk.
    static func writeNew(_ url: URL, bytes: some Collection<UInt8>) throws {
        let descriptor = Glibc.open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw DataDirectoryError.cannotCreate(url.path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let written = Array(bytes).withUnsafeBytes { buffer -> Int in
            var offset = 0
            while offset < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard count > 0 else { return -1 }
                offset += count
            }
            return offset
        }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw DataDirectoryError.cannotCreate(url.path, String(cString: strerror(errno)))
        }
    }

    /// Reads a secret file of exactly `count` bytes straight into guarded memory.
    private func readSecret(_ url: URL, count: Int) throws -> SecureBytes {
        let descriptor = Glibc.open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DataDirectoryError.unreadable(url.path, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        return try SecureBytes.make(count: count) { (buffer) throws(DataDirectoryError) in
            var offset = 0
            while offset < count {
                let read = Glibc.read(descriptor, buffer.baseAddress! + offset, count - offset)
                guard read > 0 else { throw DataDirectoryError.unreadable(url.path, "is not \(count) bytes long") }
                offset += read
            }
            var extra: UInt8 = 0
            guard Glibc.read(descriptor, &extra, 1) == 0 else { throw DataDirectoryError.unreadable(url.path, "is not \(count) bytes long") }
        }
    }
}
