import GrievanceCrypto
import Testing

@Suite("secretstream")
struct SecretStreamTests {
    static let chunkSize = 64 * 1024

    /// Encrypts `payload` in chunks and returns the header and the encrypted chunks.
    static func encrypt(_ payload: [UInt8], key: SymmetricKey) throws -> (header: [UInt8], chunks: [[UInt8]]) {
        var encryptor = SecretStreamEncryptor(key: key)
        var chunks: [[UInt8]] = []
        var offset = 0
        repeat {
            let end = min(offset + chunkSize, payload.count)
            chunks.append(try encryptor.push(Array(payload[offset..<end]), final: end == payload.count))
            offset = end
        } while offset < payload.count
        return (encryptor.header, chunks)
    }

    static func decrypt(header: [UInt8], chunks: [[UInt8]], key: SymmetricKey) throws -> [UInt8] {
        var decryptor = try SecretStreamDecryptor(key: key, header: header)
        var output: [UInt8] = []
        for chunk in chunks { output += try decryptor.pull(chunk).plaintext }
        try decryptor.finish()
        return output
    }

    @Test("a 10 MiB payload in 64 KiB chunks comes back whole")
    func roundTrip() throws {
        let key = SymmetricKey.generate()
        let payload = RandomBytes.make(count: 10 * 1024 * 1024 + 123)
        let (header, chunks) = try Self.encrypt(payload, key: key)
        #expect(chunks.count == 161)
        #expect(try Self.decrypt(header: header, chunks: chunks, key: key) == payload)
    }

    @Test("an empty payload is one final chunk")
    func empty() throws {
        let key = SymmetricKey.generate()
        let (header, chunks) = try Self.encrypt([], key: key)
        #expect(chunks.count == 1)
        #expect(try Self.decrypt(header: header, chunks: chunks, key: key) == [])
    }

    @Test("altered, dropped, reordered or duplicated chunks are rejected")
    func tampering() throws {
        let key = SymmetricKey.generate()
        let (header, chunks) = try Self.encrypt(RandomBytes.make(count: 4 * Self.chunkSize), key: key)
        #expect(chunks.count == 4)
        var flipped = chunks
        flipped[1][100] ^= 0x20
        #expect(throws: CryptoError.authenticationFailed) { try Self.decrypt(header: header, chunks: flipped, key: key) }
        var dropped = chunks
        dropped.remove(at: 1)
        #expect(throws: CryptoError.authenticationFailed) { try Self.decrypt(header: header, chunks: dropped, key: key) }
        var swapped = chunks
        swapped.swapAt(1, 2)
        #expect(throws: CryptoError.authenticationFailed) { try Self.decrypt(header: header, chunks: swapped, key: key) }
        var duplicated = chunks
        duplicated.insert(chunks[1], at: 2)
        #expect(throws: CryptoError.authenticationFailed) { try Self.decrypt(header: header, chunks: duplicated, key: key) }
        var badHeader = header
        badHeader[0] ^= 1
        #expect(throws: CryptoError.authenticationFailed) { try Self.decrypt(header: badHeader, chunks: chunks, key: key) }
        #expect(throws: CryptoError.authenticationFailed) { try Self.decrypt(header: header, chunks: chunks, key: .generate()) }
        #expect(throws: CryptoError.self) { try Self.decrypt(header: Array(header.dropLast()), chunks: chunks, key: key) }
    }

    @Test("a stream cut off before its final chunk is reported as truncated")
    func truncation() throws {
        let key = SymmetricKey.generate()
        let (header, chunks) = try Self.encrypt(RandomBytes.make(count: 3 * Self.chunkSize), key: key)
        #expect(throws: CryptoError.streamTruncated) { try Self.decrypt(header: header, chunks: Array(chunks.dropLast()), key: key) }
    }

    @Test("nothing is pushed or pulled after the final chunk")
    func afterFinal() throws {
        let key = SymmetricKey.generate()
        var encryptor = SecretStreamEncryptor(key: key)
        let final = try encryptor.push(Array("end".utf8), final: true)
        let finished = encryptor.isFinished  // #expect cannot take a non-copyable operand
        #expect(finished)
        var refused: CryptoError?
        do { _ = try encryptor.push(Array("more".utf8)) } catch { refused = error }
        #expect(refused == .streamFinished)
        var decryptor = try SecretStreamDecryptor(key: key, header: encryptor.header)
        let (plaintext, isFinal) = try decryptor.pull(final)
        #expect(plaintext == Array("end".utf8) && isFinal)
        refused = nil
        do { _ = try decryptor.pull(final) } catch { refused = error }
        #expect(refused == .streamFinished)
    }
}
