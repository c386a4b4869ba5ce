import Cases
import CasesTesting
import Foundation
import Testing

@testable import grievance_cli

@Suite("grievance-server and grievance-cli together, as run in production")
struct ServerEndToEndTests {
    @Test("file through the JSON API and the form, follow up with the receipt, read and answer as a handler with the CLI")
    func intakeToHandler() async throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        #expect(try w.run(["event", "add", "congress-2027", "--name", "Congress", "--type", "congress", "--starts", "2027-05-10",
                           "--ends", "2027-05-14", "--online"], as: "rosa").status == 0)
        let server = try ServerProcess(w)
        let marker = "E2E-\(UUID().uuidString)"

        let api = await server.send("/api/v1/complaints", method: "POST", contentType: "application/json",
                                    body: #"{"category": "harassment", "description": "\#(marker) by API", "event": "congress-2027"}"#)
        #expect(api.status == 201, "\(api.body)")
        let filed = try #require(try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as? [String: String])
        let receipt = try #require(filed["receipt"])

        let form = await server.send("/complaints", method: "POST", contentType: "application/x-www-form-urlencoded",
                                     body: "language=ru&category=violence&description=\(marker)+by+form")
        #expect(form.status == 201)
        #expect(form.body.contains("Ваше сообщение получено"))

        let page = await server.send("/e/congress-2027")
        #expect(page.status == 200)
        #expect(page.body.contains("<option value=\"congress-2027\" selected>"))

        // The handler sees both cases, reads one, and writes to its reporter.
        let list = try #require(try w.run(["case", "list", "--json"], as: "amina").json() as? [[String: Any]])
        #expect(list.count == 2)
        let shown = try #require(try w.run(["case", "show", filed["reference"]!, "--json"], as: "amina").json() as? [String: Any])
        #expect((shown["complaint"] as? [String: Any])?["description"] as? String == "\(marker) by API")
        #expect(try w.run(["case", "message", filed["reference"]!, "--text", "We are on it."], as: "amina").status == 0)

        let followUp = await server.send("/api/v1/follow-up", method: "POST", contentType: "application/json", body: #"{"receipt": "\#(receipt)"}"#)
        #expect(followUp.status == 200)
        #expect(followUp.body.contains("We are on it."))

        #expect(server.stop() == 0)
        #expect(server.log.contains("complaint filed"))
        #expect(!server.log.contains(marker))
        #expect(!server.log.contains(receipt))
        #expect(try w.run(["audit", "verify"]).status == 0)
        for (name, bytes) in try w.everyFileOnDisk() where !name.hasPrefix("server-") {
            #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(marker) in \(name)")
        }
    }

    @Test("a file attached on the form: the handler writes it back byte for byte; altered behind the tool's back, nothing is written")
    func attachment() async throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        let server = try ServerProcess(w)
        let marker = "FILE-\(UUID().uuidString)"
        let content = marker + String(repeating: " screenshot bytes", count: 10_000)
        let boundary = "e2e-boundary"
        let body = """
            --\(boundary)\r\nContent-Disposition: form-data; name="category"\r\n\r\nharassment\r\n\
            --\(boundary)\r\nContent-Disposition: form-data; name="description"\r\n\r\nsee the screenshot\r\n\
            --\(boundary)\r\nContent-Disposition: form-data; name="attachments"; filename="chat.png"\r\nContent-Type: image/png\r\n\r\n\
            \(content)\r\n--\(boundary)--\r\n
            """
        let filed = await server.send("/complaints", method: "POST", contentType: "multipart/form-data; boundary=\(boundary)", body: body)
        #expect(filed.status == 201)
        #expect(server.stop() == 0)
        let reference = try #require(filed.body.firstMatch(of: /GRV-[0-9A-Z]{8}/).map { String($0.0) })
        let shown = try #require(try w.run(["case", "show", reference, "--json"], as: "amina").json() as? [String: Any])
        let listing = try #require((shown["attachments"] as? [[String: Any]])?.first)
        #expect(listing["name"] as? String == "chat.png")
        let number = try #require(listing["sequence"] as? Int)
        let out = w.folder.appendingPathComponent("chat.png")
        let written = try w.run(["case", "attachment", reference, String(number), "--out", out.path], as: "amina")
        #expect(written.status == 0, "\(written.standardError)")
        #expect(try String(contentsOf: out, encoding: .utf8) == content)
        #expect((try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        try w.raw().transaction { tables in
            // The last byte changed.
            var chunk = try #require(try tables.rows("SELECT chunk FROM case_attachment_chunks WHERE idx = 1", []).first?["chunk"]?.bytes)
            chunk[chunk.count - 1] ^= 0x01
            #expect(try tables.execute("UPDATE case_attachment_chunks SET chunk = ? WHERE idx = 1", [.bytes(chunk)]) == 1)
        }
        let altered = w.folder.appendingPathComponent("altered.png")
        let refused = try w.run(["case", "attachment", reference, String(number), "--out", altered.path], as: "amina")
        #expect(refused.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(refused.standardError.contains("does not decrypt or decode: attachment #\(number)"))
        #expect(!FileManager.default.fileExists(atPath: altered.path))
        for (name, bytes) in try w.everyFileOnDisk() where name.hasPrefix("data/") {
            #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(marker) in \(name)")
        }
    }

    @Test("metrics: Prometheus text on a loopback port of its own, counting filings and routes, naming no client and no content")
    func metrics() async throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        let metricsPort = ServerProcess.freePort()
        let server = try ServerProcess(w, extraArguments: ["--metrics-port", String(metricsPort)])
        let marker = "METRICS-\(UUID().uuidString)"
        #expect(await server.send("/api/v1/complaints", method: "POST", contentType: "application/json",
                                  body: #"{"category": "other", "description": "\#(marker)"}"#).status == 201)
        #expect(await server.send("/api/v1/follow-up", method: "POST", contentType: "application/json",
                                  body: #"{"receipt": "00000-00000-00000-00000"}"#).status == 404)
        let metrics = await server.send("/metrics", port: metricsPort)
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("grievance_complaints_filed_total 1"))
        #expect(metrics.body.contains("grievance_unknown_receipts_total 1"))
        #expect(metrics.body.contains("/api/v1/complaints"))
        #expect(!metrics.body.contains(marker))
        #expect(!metrics.body.contains("127.0.0.1"))
        // The metrics are not on the public port.
        #expect(await server.send("/metrics").status == 404)
        #expect(server.stop() == 0)
    }

    @Test("SIGTERM during filings: the server finishes what it accepted; every 201 is a case on disk, the log verifies")
    func gracefulShutdown() async throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        let server = try ServerProcess(w)
        let statuses = await withTaskGroup(of: (Int, String).self) { group in
            for index in 0..<4 {
                group.addTask {
                    let result = await server.send("/api/v1/complaints", method: "POST", contentType: "application/json",
                                                   body: #"{"category": "other", "description": "shutdown \#(index)"}"#)
                    return (result.status, result.body)
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(30))
                server.process.terminate()
                return (-1, "")
            }
            var results: [(Int, String)] = []
            for await result in group where result.0 != -1 { results.append(result) }
            return results
        }
        #expect(server.stop() == 0)
        let filed = statuses.filter { $0.0 == 201 }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.1.utf8)) as? [String: String])?["reference"]
        }
        #expect(statuses.allSatisfy { $0.0 == 201 || $0.0 == 0 || $0.0 == 503 }, "\(statuses.map(\.0))")
        let list = try #require(try w.run(["case", "list", "--json"], as: "amina").json() as? [[String: Any]])
        let onDisk = Set(list.compactMap { $0["reference"] as? String })
        #expect(Set(filed).isSubset(of: onDisk))
        #expect(try w.run(["audit", "verify"]).status == 0)
    }
}
