import Foundation
import Testing

/// Clients that hold connections open — half a header, a body a byte at a time — are cut off by
/// the server's timeouts, and do not keep anyone else from filing.
@Suite("grievance-server and slow clients")
struct SlowClientTests {
    static let complaint = #"{"category": "other", "description": "an honest report"}"#

    @Test("a header never finished is closed after the idle timeout; a trickled body gets 408 at its deadline")
    func timeouts() throws {
        let w = try CLIWorkspace.initialised()
        defer { w.remove() }
        let server = try ServerProcess(w, extraArguments: ["--idle-timeout", "1", "--body-timeout", "2"])
        defer { _ = server.stop() }

        let silent = try RawConnection(port: server.port)
        silent.send("POST /api/v1/complaints HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let started = Date()
        let closed = silent.receive(for: 10)
        #expect(closed.closed, "a half-sent header held its connection for 10 seconds")
        #expect(Date().timeIntervalSince(started) < 5)

        let trickler = try RawConnection(port: server.port)
        trickler.send("POST /api/v1/complaints HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
        let trickling = Date()
        var answer = ""
        // A byte every half second: never silent for the idle timeout, always late for the body's deadline.
        while Date().timeIntervalSince(trickling) < 10, answer.isEmpty {
            guard trickler.send(" ") else { break }
            answer = trickler.receive(for: 0.5).text
        }
        #expect(answer.hasPrefix("HTTP/1.1 408"), "the trickled body got: \(answer.prefix(200))")
        #expect(answer.contains("request_timeout"))
        #expect(Date().timeIntervalSince(trickling) < 6)
    }

    @Test("a hundred connections holding half a header each: an honest filing still gets its receipt at once")
    func slowConnectionsDoNotBlock() throws {
        let w = try CLIWorkspace.initialised()
        defer { w.remove() }
        let server = try ServerProcess(w, extraArguments: ["--idle-timeout", "30"])
        defer { _ = server.stop() }
        let slow = try (0..<100).map { _ in try RawConnection(port: server.port) }
        for connection in slow { connection.send("POST /api/v1/complaints HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-") }
        // On a socket of its own, timed from this thread: what is measured is the server.
        let honest = try RawConnection(port: server.port)
        let started = Date()
        honest.send("POST /api/v1/complaints HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: \(Self.complaint.utf8.count)\r\nConnection: close\r\n\r\n\(Self.complaint)")
        let answer = honest.receive(for: 10)
        #expect(answer.text.hasPrefix("HTTP/1.1 201"), "\(answer.text.prefix(200))")
        // Well under a second alone. Starved, it would wait for the idle timeout (30 s) or
        // never be answered; the bound leaves room for the rest of the suite on two cores.
        let took = Date().timeIntervalSince(started)
        #expect(took < 10)
        print("slow clients: an honest filing beside 100 half-sent headers took \(Int(took * 1000)) ms")
        withExtendedLifetime(slow) {}
    }
}
