import Cases
import GrievanceCrypto
import Testing

@Suite("Record and case-key envelopes")
struct EnvelopeTests {
    @Test("a record opens only as itself: another case, sequence or kind is refused")
    func recordBinding() throws {
        let key = SymmetricKey.generate()
        let text = Array("MARKER-7f3a the account of what happened".utf8)
        let sealed = RecordEnvelope.seal(text, key: key, caseReference: "GRV-AAAA1111", sequence: 1, kind: .complaint)
        #expect(try RecordEnvelope.open(sealed, key: key, caseReference: "GRV-AAAA1111", sequence: 1, kind: .complaint) == text)
        #expect(throws: CryptoError.self) { try RecordEnvelope.open(sealed, key: key, caseReference: "GRV-AAAA1112", sequence: 1, kind: .complaint) }
        #expect(throws: CryptoError.self) { try RecordEnvelope.open(sealed, key: key, caseReference: "GRV-AAAA1111", sequence: 2, kind: .complaint) }
        for kind in RecordKind.allCases where kind != .complaint {
            #expect(throws: CryptoError.self) { try RecordEnvelope.open(sealed, key: key, caseReference: "GRV-AAAA1111", sequence: 1, kind: kind) }
        }
        #expect(throws: CryptoError.self) { try RecordEnvelope.open(sealed, key: .generate(), caseReference: "GRV-AAAA1111", sequence: 1, kind: .complaint) }
        var flipped = sealed
        flipped[flipped.count / 2] ^= 0x10
        #expect(throws: CryptoError.self) { try RecordEnvelope.open(flipped, key: key, caseReference: "GRV-AAAA1111", sequence: 1, kind: .complaint) }
    }

    @Test("records swapped between two cases with their own keys do not open in either")
    func swappedBetweenCases() throws {
        let (keyA, keyB) = (SymmetricKey.generate(), SymmetricKey.generate())
        let a = RecordEnvelope.seal(Array("case A".utf8), key: keyA, caseReference: "GRV-A", sequence: 1, kind: .note)
        let b = RecordEnvelope.seal(Array("case B".utf8), key: keyB, caseReference: "GRV-B", sequence: 1, kind: .note)
        #expect(throws: CryptoError.self) { try RecordEnvelope.open(b, key: keyA, caseReference: "GRV-A", sequence: 1, kind: .note) }
        #expect(throws: CryptoError.self) { try RecordEnvelope.open(a, key: keyB, caseReference: "GRV-B", sequence: 1, kind: .note) }
    }

    @Test("padding hides sizes: short and long records fill the same blocks")
    func padding() {
        let key = SymmetricKey.generate()
        let short = RecordEnvelope.seal(Array("yes".utf8), key: key, caseReference: "GRV-A", sequence: 1, kind: .note)
        let longer = RecordEnvelope.seal([UInt8](repeating: 65, count: 200), key: key, caseReference: "GRV-A", sequence: 2, kind: .note)
        let longest = RecordEnvelope.seal([UInt8](repeating: 65, count: 300), key: key, caseReference: "GRV-A", sequence: 3, kind: .note)
        #expect(short.count == longer.count)
        #expect(longest.count == short.count + RecordEnvelope.paddingBlock)
    }

    @Test("a sealed case key opens for its recipient and its case only")
    func caseKeySeal() throws {
        let caseKey = SymmetricKey.generate()
        let handler = BoxKeyPair.generate()
        let sealed = CaseKeyEnvelope.seal(caseKey, caseReference: "GRV-A", to: handler.publicKey)
        #expect(try CaseKeyEnvelope.open(sealed, caseReference: "GRV-A", with: handler).secret.constantTimeEquals(caseKey.secret))
        // Copied to another case's row, or opened by someone else: refused.
        #expect(throws: CryptoError.self) { try CaseKeyEnvelope.open(sealed, caseReference: "GRV-B", with: handler) }
        #expect(throws: CryptoError.self) { try CaseKeyEnvelope.open(sealed, caseReference: "GRV-A", with: .generate()) }
        #expect(throws: CryptoError.self) { try CaseKeyEnvelope.open(sealed, caseReference: "GRV-", with: handler) }
        // The reporter's receipt opens the seal made to it, and a different receipt does not.
        let receipt = Receipt.generate()
        let toReporter = CaseKeyEnvelope.seal(caseKey, caseReference: "GRV-A", to: receipt.keyPair.publicKey)
        #expect(try CaseKeyEnvelope.open(toReporter, caseReference: "GRV-A", with: try Receipt(parsing: receipt.formatted).keyPair).secret.constantTimeEquals(caseKey.secret))
        #expect(throws: CryptoError.self) { try CaseKeyEnvelope.open(toReporter, caseReference: "GRV-A", with: Receipt.generate().keyPair) }
    }
}
