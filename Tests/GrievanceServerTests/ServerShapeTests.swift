import CasesTesting
import Foundation
import Testing

/// "The intake server holds no key that opens a case" is true by the type it holds: the server
/// opens its data directory as an intake desk, and none of its code names the doors meant for
/// the people who work cases.
@Suite("The server's one door into Cases")
struct ServerShapeTests {
    static let sources = CasesFixture.repository.appendingPathComponent("Sources/grievance-server")

    @Test("the server opens an intake desk and names no other door, no person's keys and no key file")
    func onlyTheIntakeDesk() throws {
        var text = ""
        for case let path as String in FileManager.default.enumerator(atPath: Self.sources.path)! where path.hasSuffix(".swift") {
            text += try String(contentsOf: Self.sources.appendingPathComponent(path), encoding: .utf8)
        }
        #expect(text.contains("openIntakeDesk()"))
        for door in ["Casework", "Administration", "Installation", "UnlockedPrincipal", "RecoveryKey", "CaseExport", "Passphrase",
                     "import GrievanceCrypto", "import AuditLog", "import GRDB"] {
            #expect(!text.contains(door), "the server's code names \(door)")
        }
    }
}
