import Cases
import CasesTesting
import Foundation
import GrievanceCrypto
import Testing

@Suite("The reporter's receipt")
struct ReporterTests {
    @Test("the receipt opens exactly its own case: stage and messages, never notes")
    func followUp() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let mine = try f.intake.file(CasesFixture.intake())
        let other = try f.intake.file(CasesFixture.intake())
        try f.casework.addNote(mine.reference, text: "internal note", by: f["amina"])
        try f.casework.messageReporter(mine.reference, text: "Could you tell us when it happened?", by: f["amina"])
        try f.intake.addReporterMessage(receipt: try Receipt(parsing: mine.receipt.formatted.lowercased()), text: "On the second day.")
        let view = try f.intake.followUp(receipt: mine.receipt)
        #expect(view.reference == mine.reference)
        #expect(view.stage == "received")
        #expect(view.messages.map(\.text) == ["Could you tell us when it happened?", "On the second day."])
        #expect(view.messages.map(\.author) == ["handler", "reporter"])
        #expect(try f.intake.followUp(receipt: other.receipt).messages.isEmpty)
        let handlerView = try f.casework.show(mine.reference, as: f["amina"])
        #expect(handlerView.records.contains { $0.kind == .messageFromReporter && $0.text == "On the second day." })
    }

    @Test("a wrong receipt, or one character off, opens nothing, says the same, and is logged")
    func wrongReceipts() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let filed = try f.intake.file(CasesFixture.intake())
        var characters = Array(filed.receipt.formatted)
        characters[0] = characters[0] == "A" ? "B" : "A"
        let oneOff = try Receipt(parsing: String(characters))
        let before = try f.denials()
        var messages = Set<String>()
        for receipt in [oneOff, Receipt.generate()] {
            do {
                _ = try f.intake.followUp(receipt: receipt)
                Issue.record("a wrong receipt opened a case")
            } catch let error as CasesError {
                messages.insert(error.description)
            }
        }
        #expect(messages == [CasesError.noCaseForReceipt.description])
        #expect(try f.denials() == before + 2)
        #expect(throws: CasesError.self) { try f.intake.addReporterMessage(receipt: oneOff, text: "let me in") }
    }

    @Test("a wrong receipt takes about as long whether the database holds no case or many")
    func timing() throws {
        let empty = try CasesFixture()
        let full = try CasesFixture()
        defer { empty.remove(); full.remove() }
        for _ in 0..<100 { _ = try full.intake.file(CasesFixture.intake()) }
        func time(_ service: IntakeDesk) -> Double {
            let receipt = Receipt.generate()
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try? service.followUp(receipt: receipt)
            return Double(DispatchTime.now().uptimeNanoseconds - start)
        }
        // One call to each, side by side, the order turned each time, and the median of the
        // pairs' ratios: a burst of the machine's noise falls on one pair, not on one side.
        var ratios: [Double] = []
        for pair in 0..<61 {
            if pair % 2 == 0 {
                let many = time(full.intake)
                ratios.append(many / time(empty.intake))
            } else {
                let none = time(empty.intake)
                ratios.append(time(full.intake) / none)
            }
        }
        let ratio = ratios.sorted()[30]
        #expect(ratio > 0.5 && ratio < 2.0, "a wrong receipt took \(ratio)× as long with 100 cases as with none")
    }
}
