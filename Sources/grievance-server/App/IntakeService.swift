import Cases
import NIOPosix

/// The server's way into Cases: the intake desk alone, which holds no key that opens a case.
/// Its storage calls block (SQLite, fsync, a filing waiting for its group to commit), so every
/// call runs on a pool of threads of its own, never on an event loop, and the request that made
/// it waits asynchronously.
struct IntakeService: Sendable {
    let desk: IntakeDesk
    private let pool: NIOThreadPool

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

    func shutdown() async throws { try await pool.shutdownGracefully() }
}
