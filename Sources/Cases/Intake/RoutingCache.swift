import Synchronization

/// The people new cases may be sealed to, remembered between filings with the principals
/// generation they were read at. Filing checks the generation inside its write transaction, so
/// a person added or changed by another process is never missed: the filing re-reads and
/// re-seals instead.
final class RoutingCache: Sendable {
    private let entry = Mutex<(generation: Int64, principals: [Principal])?>(nil)

    func get() -> (generation: Int64, principals: [Principal])? { entry.withLock { $0 } }

    func set(generation: Int64, principals: [Principal]) { entry.withLock { $0 = (generation, principals) } }
}
