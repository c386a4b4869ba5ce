/// What forms with files may take of the server at once. Each holds little memory while it
/// arrives (its files are spooled chunk by chunk), but their number is bounded all the same, and
/// so is the room their spool files take. Filing one writes up to 50 MB, and filings commit
/// together, so they are filed one at a time: a few large ones committed at once would keep every
/// small filing waiting behind their writes.
struct UploadBudget: Sendable {
    /// Forms with files being received at once. One past them waits for a place — its body
    /// unread, so its own connection holds it back — for at most half the idle timeout (which
    /// would otherwise close its silent connection), then gets `503` with `Retry-After`.
    let receiving: Places
    let receivingWait: Duration
    /// Forms with files, received whole, being filed at once.
    let filing = Places(count: 1)

    init(_ configuration: ServerConfiguration) {
        receiving = Places(count: configuration.concurrentUploads)
        receivingWait = .milliseconds(Int64(configuration.idleTimeout * 500))
    }
}
