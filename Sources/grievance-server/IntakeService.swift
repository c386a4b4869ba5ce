import Cases
import NIOPosix

/// The server's way into Cases. Cases' storage calls block (SQLite, fsync, a filing waiting
/// for its group to commit), so every call runs on a pool of threads of its own, never on an
/// event loop, and the request that made it waits asynchronously.
struct IntakeService: Sendable {
    let installation: Installation
    private let pool: NIOThreadPool

    /// `threads` bounds how many filings can wait on one group commit at a time.
    init(installation: Installation, threads: Int = 32) {
        self.installation = installation
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    var service: CaseService { installation.service }

    func run<T: Sendable>(_ body: @escaping @Sendable (CaseService) throws -> T) async throws -> T {
        let service = installation.service
        return try await pool.runIfActive { try body(service) }
    }

    func shutdown() async throws { try await pool.shutdownGracefully() }
}
