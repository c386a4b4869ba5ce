@testable import Cases
import GrievanceCrypto
import Testing

@Suite("Receipts")
struct ReceiptTests {
    @Test("a receipt is 20 characters of Crockford base32 in four groups, 100 bits, and never prints")
    func shape() throws {
        var seen = Set<String>()
        for _ in 0..<2000 {
            let receipt = Receipt.generate()
            let text = receipt.formatted
            #expect(text.count == 23)
            #expect(text.split(separator: "-").map(\.count) == [5, 5, 5, 5])
            #expect(text.utf8.allSatisfy { CrockfordBase32.alphabet.contains($0) || $0 == UInt8(ascii: "-") })
            seen.insert(text)
            #expect(!"\(receipt)".contains(text.prefix(5)))
        }
        #expect(seen.count == 2000)
        #expect(Receipt.characterCount * 5 >= 100)
    }

    @Test("a receipt typed carelessly still reads: case, spaces, dashes, O for 0, I and L for 1")
    func forgivingInput() throws {
        let receipt = try Receipt(parsing: "0123A-BCDEF-GH1JK-MNPQR")
        let typed = try Receipt(parsing: " o123a bcdef ghijk mnpqr ")
        #expect(typed.constantTimeEquals(receipt))
        #expect(try Receipt(parsing: "0123ABCDEFGHLJKMNPQR").constantTimeEquals(receipt))
        #expect(typed.keyPair.publicKey == receipt.keyPair.publicKey)
    }

    @Test("wrong lengths and characters are refused without echoing what was typed")
    func refusals() {
        for bad in ["", "0123A-BCDEF-GH1JK-MNPQ", "0123A-BCDEF-GH1JK-MNPQRS", "0123A-BCDEF-GH1JK-MNPQU", "0123A-BCDEF-GH1JK-MNPQ!", "ÄÄÄÄÄ-BCDEF-GH1JK-MNPQR"] {
            do {
                _ = try Receipt(parsing: bad)
                Issue.record("\(bad) was accepted")
            } catch {
                #expect(!bad.isEmpty ? !error.description.contains(bad) : true)
            }
        }
    }

    @Test("the key pair depends on the receipt alone; the lookup hash also on the pepper")
    func derivations() throws {
        let receipt = Receipt.generate()
        let again = try Receipt(parsing: receipt.formatted)
        let other = Receipt.generate()
        let pepper = SecureBytes.random(count: 32)
        #expect(again.keyPair.publicKey == receipt.keyPair.publicKey)
        #expect(other.keyPair.publicKey != receipt.keyPair.publicKey)
        #expect(try again.lookupHash(pepper: pepper) == receipt.lookupHash(pepper: pepper))
        #expect(try receipt.lookupHash(pepper: .random(count: 32)) != receipt.lookupHash(pepper: pepper))
        #expect(try other.lookupHash(pepper: pepper) != receipt.lookupHash(pepper: pepper))
        // The two derivations are separated: the lookup hash is not the key pair's seed or public key.
        #expect(try receipt.lookupHash(pepper: pepper).bytes != receipt.keyPair.publicKey.bytes)
    }
}
