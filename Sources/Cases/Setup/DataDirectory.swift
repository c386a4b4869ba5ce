import Foundation
import AuditLog
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder one installation keeps everything in, owner-only (0700, files 0600), or shared
/// with a group (2770, files 0660: `init --group`) and nothing for others:
///
///     config.json        organisation, audit origin, key cost, intake URL, the signed notification command (InstallationConfiguration)
///     pepper             32 random bytes keying the receipt lookup; never in the database
///     procedure.yaml     the procedure in force, copied from policies/ at init
///     grievance.sqlite   the database (and its -wal and -shm, created with the same mode)
///     spool/             uploads' ciphertext, chunk by chunk, until their case is filed
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

    /// Opens an installation made by `create`, refusing a folder other users can read, for the
    /// people who work it: casework and administration. With `organisationKey` (what the person
    /// pinned), a data directory whose stored organisation key differs is refused; without,
    /// the stored one is trusted — as on first use.
    public func open(organisationKey: OrganisationKey? = nil, clock: @escaping @Sendable () -> Date = { Date() }) throws -> Installation {
        let opened = try openParts(clock: clock, cacheMebibytes: 32, organisationKey: organisationKey)
        return Installation(directory: self, configuration: opened.configuration, storage: opened.storage, ledger: opened.ledger,
                            pepper: opened.pepper, recoveryPublicKey: opened.recoveryPublicKey)
    }

    /// Opens an installation for the intake server: its one door, which holds no key that opens
    /// a case.
    public func openIntakeDesk(organisationKey: OrganisationKey? = nil, clock: @escaping @Sendable () -> Date = { Date() }) throws -> IntakeDesk {
        // The server runs for months, appends, and reads a case at a time by its index: SQLite's
        // own small cache, so that a stream of large attachments does not fill its memory.
        let opened = try openParts(clock: clock, cacheMebibytes: DurableDatabase.sqliteDefaultCacheMebibytes, organisationKey: organisationKey)
        let spool = try AttachmentSpool(directory: url)
        // What a crash left of uploads in progress: a day is longer than any upload may take.
        spool.removeStale(olderThan: 86_400)
        return IntakeDesk(ledger: opened.ledger, pepper: opened.pepper, spool: spool, directory: self)
    }

    private func openParts(clock: @escaping @Sendable () -> Date, cacheMebibytes: Int, organisationKey pinned: OrganisationKey?) throws
        -> (configuration: InstallationConfiguration, storage: any CaseStorage, ledger: Ledger, pepper: SecureBytes, recoveryPublicKey: BoxPublicKey) {
        var status = stat()
        guard stat(path, &status) == 0 else { throw DataDirectoryError.missing(path) }
        guard (status.st_mode & S_IFMT) == S_IFDIR else { throw DataDirectoryError.unreadable(path, "is not a folder") }
        // Others nothing; the group may share it (each handler their own account in the
        // installation's group: `init --group`).
        guard status.st_mode & 0o007 == 0 else { throw DataDirectoryError.exposed(path, mode: UInt16(status.st_mode & 0o7777)) }
        guard FileManager.default.fileExists(atPath: configurationURL.path) else { throw DataDirectoryError.notInitialised(path) }
        let configuration = try readConfiguration()
        let pepper: SecureBytes
        do {
            pepper = try SecretFile.read(pepperURL.path, maximumBytes: Self.pepperByteCount)
        } catch {
            throw DataDirectoryError.unreadable(pepperURL.path, "\(error.code)")
        }
        guard pepper.count == Self.pepperByteCount else { throw DataDirectoryError.unreadable(pepperURL.path, "is not \(Self.pepperByteCount) bytes long") }
        let procedure = try ProcedureLoader.load(contentsOf: procedureURL)
        let storage = try openStorage(configuration, cacheMebibytes: cacheMebibytes)
        let tables = storageDescription(configuration)
        guard let organisationBytes = try storage.read({ try $0.setting(Administration.organisationKeyPublicSetting) }),
              let stored = try? OrganisationKey(origin: configuration.auditOrigin, publicKey: SigningPublicKey(bytes: organisationBytes))
        else {
            throw DataDirectoryError.unreadable(tables, "holds no organisation key (a data directory made before people were certified: make a new one with `init`)")
        }
        if let pinned, pinned != stored { throw DataDirectoryError.organisationKeyChanged(path, stored: stored.description, pinned: pinned.description) }
        let certification = Certification(origin: configuration.auditOrigin, organisationKey: (pinned ?? stored).publicKey)
        // Every case key is sealed to the recovery key: one swapped in the database would get
        // them all, so it counts only when the organisation key vouches for it.
        guard let recoveryBytes = try storage.read({ try $0.setting(Administration.recoveryKeySetting) }),
              let recoveryKey = try? BoxPublicKey(bytes: recoveryBytes)
        else { throw DataDirectoryError.unreadable(tables, "holds no recovery public key") }
        guard let signature = try storage.read({ try $0.setting(Administration.recoveryKeySignatureSetting) }),
              certification.endorses(recoveryKey: recoveryKey, signature: signature)
        else { throw DataDirectoryError.recoveryKeyNotEndorsed(path) }
        let ledger = Ledger(storage: storage, procedure: procedure, clock: clock, certification: certification,
                            recoveryPublicKey: recoveryKey)
        try Administration(ledger: ledger, recoveryPublicKey: recoveryKey, keyParameters: configuration.keyParameters).recordProcedureInForce()
        return (configuration, storage, ledger, pepper, recoveryKey)
    }
}
