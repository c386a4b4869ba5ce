import Cases
import Logging
import NIOPosix

/// The server's way into Cases: the intake desk alone, which holds no key that opens a case.
/// Its storage calls block (SQLite, fsync, a filing waiting for its group to commit), so every
/// call runs on a pool of threads of its own, never on an event loop, and the request that made
/// it waits asynchronously.
struct IntakeService: Sendable {
    let desk: IntakeDesk
    private let pool: NIOThreadPool
    /// New urgent and safeguarding cases, told to the safeguarding leads beside the answer.
    let announcements = Announcements()

    /// `threads` bounds how many filings can wait on one group commit at a time.
    init(desk: IntakeDesk, threads: Int = 32) {
        self.desk = desk
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    func run<T: Sendable>(_ body: @escaping @Sendable (IntakeDesk) throws -> T) async throws -> T {
        let desk = desk
        return try await pool.runIfActive { try body(desk) }
    }

    /// Notifies, in the background, whoever `filed` says must hear of it now: the answer does not wait.
    func announce(_ filed: FiledCase, logger: Logger) {
        announcements.announce(filed.announcements, through: self, logger: logger)
    }

    /// Waits for the notifications in flight (each bounded by its time limit), then stops the pool.
    func shutdown() async throws {
        await announcements.drain()
        try await pool.shutdownGracefully()
    }
}
