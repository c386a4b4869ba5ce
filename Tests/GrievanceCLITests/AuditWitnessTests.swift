import AuditLog
import Cases
import CasesTesting
import Foundation
import Testing

@testable import grievance_cli

@Suite("grievance-cli audit: a verifier that does not trust the verified; witnesses who cosign")
struct AuditWitnessTests {
    /// A workspace with history, an auditor who witnesses, and a checkpoint signed.
    static func setUp(engine: TestEngine = .fromEnvironment) throws -> CLIWorkspace {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler]), ("audi", [.auditor])], engine: engine)
        let (reference, _) = try w.file(as: "amina", marker: "witness")
        #expect(try w.run(["case", "advance", reference, "--to", "acknowledged", "--reason", "called back"], as: "amina").status == 0)
        #expect(try w.run(["case", "show", reference], as: "amina").status == 0)
        #expect(try w.run(["audit", "checkpoint"], as: "rosa").status == 0)
        return w
    }

    @Test("the first verify says it proved only internal consistency; the next checks the log still extends what was seen")
    func firstAndSecond() throws {
        let w = try Self.setUp()
        defer { w.remove() }
        let first = try w.run(["audit", "verify"], as: "audi")
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("proves only that the log is consistent in itself"))
        let second = try w.run(["audit", "verify", "--json"], as: "audi")
        let report = try #require(try second.json() as? [String: Any])
        #expect(report["valid"] as? Bool == true)
        #expect(report["log_key_pinned"] as? Bool == true)
        #expect(report["internal_consistency_only"] as? Bool == false)
        #expect((report["extends_remembered_size"] as? Int ?? 0) > 5)
    }

    @Test("an entry rewritten after a person verified, chain, tree and checkpoints recomputed or deleted: their next verify fails; a newcomer's passes")
    func rewrittenAfterVerify() throws {
        let w = try Self.setUp()
        defer { w.remove() }
        #expect(try w.run(["audit", "verify"], as: "audi").status == 0)
        // Hide that amina read the case: drop its entry, rebuild everything after it, and pad
        // the end so the log is no shorter than before.
        try LogRewriter.rewrite(w) { entries in
            entries.filter { $0.action != "case.read" } + Array(repeating: entries.last!, count: 4)
        }
        let newcomer = try w.run(["audit", "verify", "--json"], as: "amina")
        #expect(newcomer.status == 0, "the rewrite is consistent in itself: \(newcomer.standardError)")
        #expect((try newcomer.json() as? [String: Any])?["internal_consistency_only"] as? Bool == true)
        let witness = try w.run(["audit", "verify"], as: "audi")
        #expect(witness.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(witness.standardError.contains("the audit log does not verify: checkpoint"), "\(witness.standardError)")
    }

    @Test("a log cut short after a person verified, its own checkpoints and nodes rebuilt: their next verify fails")
    func truncatedAfterVerify() throws {
        let w = try Self.setUp()
        defer { w.remove() }
        #expect(try w.run(["audit", "verify"], as: "audi").status == 0)
        try LogRewriter.rewrite(w) { entries in Array(entries.dropLast(3)) }
        let witness = try w.run(["audit", "verify", "--json"], as: "audi")
        #expect(witness.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(((try witness.json() as? [String: Any])?["failure"] as? String ?? "").hasPrefix("truncated below checkpoint"))
    }

    @Test("a wrong --log-key fails; a log key swapped in the database fails for whoever pinned the real one")
    func logKeyPins() throws {
        let w = try Self.setUp()
        defer { w.remove() }
        let other = try CLIWorkspace.initialised()
        defer { other.remove() }
        let otherKey = try other.run(["audit", "key"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let realKey = try w.run(["audit", "key"]).standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        let wrong = try w.run(["audit", "verify", "--log-key", otherKey, "--json"], as: "ana")
        #expect(wrong.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(((try wrong.json() as? [String: Any])?["failure"] as? String ?? "").contains("is not the pinned key"))
        #expect(try w.run(["audit", "verify", "--log-key", realKey], as: "audi").status == 0)

        // Someone with the file puts a key of their own in: a newcomer would trust it, the pin does not.
        let swapped = try #require(Data(base64Encoded: String(otherKey.split(separator: "+", maxSplits: 2)[2])))
        #expect(try w.raw().execute("UPDATE settings SET value = ? WHERE key = 'log-key.public'", .bytes([UInt8](swapped.dropFirst()))) == 1)
        let pinned = try w.run(["audit", "verify"], as: "audi")
        #expect(pinned.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(pinned.standardError.contains("is not the pinned key"), "\(pinned.standardError)")
        let given = try w.run(["audit", "verify", "--log-key", otherKey], as: "audi")
        #expect(given.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(given.standardError.contains("not the one you pinned"))
    }

    @Test("a witness cosigns; audit verify checks the cosignature; a flipped byte in it fails; a rewritten log is refused a second cosignature")
    func cosigning() throws {
        let w = try Self.setUp()
        defer { w.remove() }
        let cosigned = try w.run(["audit", "cosign", "--json"], as: "audi")
        #expect(cosigned.status == 0, "\(cosigned.standardError)")
        let object = try #require(try cosigned.json() as? [String: Any])
        let witnessKey = try #require(object["witness_key"] as? String)
        #expect((object["checkpoint"] as? String ?? "").contains("— \(witnessKey.split(separator: "+")[0]) "))

        let verified = try w.run(["audit", "verify", "--witness", witnessKey, "--json"])
        #expect((try verified.json() as? [String: Any])?["cosignatures_checked"] as? Int == 1, "\(verified.standardOutput)")

        // A witness named but found on no checkpoint fails: a log cut below what they cosigned
        // would otherwise pass for a third party.
        let stranger = try CLIWorkspace.initialised(roster: [("audi", [.auditor])])
        defer { stranger.remove() }
        #expect(try stranger.run(["audit", "checkpoint"], as: "rosa").status == 0)
        let strangerKey = try #require((try stranger.run(["audit", "cosign", "--json"], as: "audi").json() as? [String: Any])?["witness_key"] as? String)
        let absent = try w.run(["audit", "verify", "--witness", strangerKey, "--json"], as: "ana")
        #expect(absent.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(((try absent.json() as? [String: Any])?["failure"] as? String ?? "").contains("no checkpoint carries a cosignature"))

        // A later checkpoint extends the cosigned one: the witness cosigns again.
        let (reference, _) = try w.file(as: "amina", marker: "witness-later")
        #expect(try w.run(["case", "show", reference], as: "amina").status == 0)
        #expect(try w.run(["audit", "checkpoint"], as: "rosa").status == 0)
        let again = try w.run(["audit", "cosign"], as: "audi")
        #expect(again.status == 0, "\(again.standardError)")

        // A cosignature altered in the database no longer verifies under the witness's key.
        try w.raw().transaction { tables in
            try tables.execute(w.dropAppendOnly("audit_cosignatures", "UPDATE"), [])
            let line = try #require(try tables.rows("SELECT line FROM audit_cosignatures ORDER BY id LIMIT 1", []).first?["line"]?.text)
            let parts = line.split(separator: " ")
            var signature = try #require(Data(base64Encoded: String(parts.last!.trimmingCharacters(in: .whitespacesAndNewlines))))
            signature[signature.count - 1] ^= 0x01
            let altered = parts.dropLast().joined(separator: " ") + " " + signature.base64EncodedString() + "\n"
            #expect(try tables.execute("UPDATE audit_cosignatures SET line = ? WHERE line = ?", [.text(altered), .text(line)]) == 1)
        }
        let bad = try w.run(["audit", "verify", "--witness", witnessKey, "--json"], as: "ana")
        #expect(bad.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(((try bad.json() as? [String: Any])?["failure"] as? String ?? "").hasPrefix("bad cosignature"), "\(bad.standardOutput)")

        // An administrator rewrites history and signs it with the log key: the witness refuses.
        try LogRewriter.rewrite(w) { entries in entries.filter { $0.action != "case.read" } }
        #expect(try w.run(["audit", "checkpoint"], as: "rosa").status == 0)
        let refused = try w.run(["audit", "cosign"], as: "audi")
        #expect(refused.status == CLIExitStatus.verificationFailed.rawValue)
        #expect(refused.standardError.contains("does not agree with what was seen before"), "\(refused.standardError)")
    }
}
