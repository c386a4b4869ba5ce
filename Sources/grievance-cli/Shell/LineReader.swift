import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Lines from a file descriptor (the shell's standard input), waiting at most a given time for
/// each: so that the shell can lock while nobody types. Reads byte by byte, never past the
/// line's end, so that whatever reads the same input next (a confirmation) finds the rest.
/// Keeps no history: a line is handed over and forgotten.
struct LineReader {
    enum Outcome: Equatable {
        case line(String)
        case end
        case timedOut
    }

    let descriptor: Int32

    /// The next line without its newline; `.timedOut` if none began within `timeout` (nil: wait
    /// as long as it takes); `.end` at the end of input (Ctrl-D on a terminal).
    func next(within timeout: Duration?) -> Outcome {
        var bytes: [UInt8] = []
        var waitFor = timeout
        while true {
            if let wait = waitFor {
                var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(clamping: wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)
                let ready = poll(&request, 1, max(milliseconds, 0))
                if ready < 0, errno == EINTR { continue }
                if ready == 0 { return .timedOut }
            }
            var byte: UInt8 = 0
            let count = Glibc.read(descriptor, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else {
                return bytes.isEmpty ? .end : .line(String(decoding: bytes, as: UTF8.self))
            }
            if byte == UInt8(ascii: "\n") { return .line(String(decoding: bytes, as: UTF8.self)) }
            bytes.append(byte)
            // Once a line has begun, the rest of it is waited for: a person is typing.
            waitFor = nil
        }
    }
}
