import Foundation
import GrievanceCrypto

/// An opened data directory, for the people who work it: casework and administration over its
/// database. (The intake server opens the same folder as an `IntakeDesk` alone.)
public struct Installation: Sendable {
    public let directory: DataDirectory
    public let configuration: InstallationConfiguration
    public let casework: Casework
    public let administration: Administration
    package let storage: any CaseStorage
    let ledger: Ledger
    private let pepper: SecureBytes
    let recoveryPublicKey: BoxPublicKey

    init(directory: DataDirectory, configuration: InstallationConfiguration, storage: any CaseStorage, ledger: Ledger, pepper: SecureBytes,
         recoveryPublicKey: BoxPublicKey) {
        self.directory = directory
        self.configuration = configuration
        self.storage = storage
        self.ledger = ledger
        self.pepper = pepper
        self.recoveryPublicKey = recoveryPublicKey
        casework = Casework(ledger: ledger, pepper: pepper)
        administration = Administration(ledger: ledger, recoveryPublicKey: recoveryPublicKey, keyParameters: configuration.keyParameters)
    }

    public var procedure: Procedure { ledger.procedure }

    /// What is due, per person, from clear metadata: needs nobody's passphrase.
    public var reminders: Reminders { Reminders(ledger: ledger) }

    /// The time as this installation's clock gives it (a test's clock in tests).
    package var now: Date { ledger.clock() }

    /// The intake desk over the same database, for tests and benchmarks that play the server.
    package func intakeDesk() throws -> IntakeDesk {
        IntakeDesk(ledger: ledger, pepper: pepper, spool: try AttachmentSpool(directory: directory.url), directory: directory)
    }
}
