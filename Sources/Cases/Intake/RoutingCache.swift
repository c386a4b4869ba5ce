import GrievanceCrypto
import Synchronization

/// The people new cases may be sealed to — those whose certificates verified — remembered
/// between filings with the principals generation they were read at, and each one's
/// certificate as read. Filing checks the generation inside its write transaction, and each
/// recipient's certificate too: the generation is a counter any writer of the database could
/// reset, but a person disabled or given other roles has a new certificate, so the filing
/// re-reads and re-seals instead of sealing to who they were.
final class RoutingCache: Sendable {
    struct Entry: Sendable {
        let generation: Int64
        let principals: [Principal]
        let certificates: [String: [UInt8]]
        /// The recovery key, endorsed, as read with them: checked again inside each filing.
        let recoveryKey: BoxPublicKey
    }

    private let entry = Mutex<Entry?>(nil)

    func get() -> Entry? { entry.withLock { $0 } }

    func set(_ new: Entry) { entry.withLock { $0 = new } }
}
