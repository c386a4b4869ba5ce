import Foundation
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a backup file written by `BackupStreamWriter`: its header in clear, then, once a
/// recovery key has opened the stream key, each message in order. Any change to a byte, a
/// message dropped, repeated or moved, or a file cut short is refused.
struct BackupStreamReader: ~Copyable {
    let header: BackupHeader
    private var decryptor: SecretStreamDecryptor
    private let descriptor: Int32
    private let path: String
    private var headerBytes: [UInt8]?
    private(set) var bytesRead: UInt64
    private var hasher: BLAKE2bHasher? = BLAKE2bHasher()

    /// Reads the clear header alone, without a key.
    static func header(of path: String) throws(FileError) -> BackupHeader {
        let descriptor = try openForReading(path)
        defer { close(descriptor) }
        return try readHeader(descriptor, path: path).header
    }

    init(path: String, recoveryKey: RecoveryKey) throws(FileError) {
        let descriptor = try Self.openForReading(path)
        do throws(FileError) {
            let (header, bytes) = try Self.readHeader(descriptor, path: path)
            guard header.recoveryKey == recoveryKey.publicKeyHex else {
                throw FileError(path: path, code: .unrecognised(
                    expected: "a backup sealed to this recovery key (it is sealed to \(header.recoveryKey.prefix(16))…, the key given is \(recoveryKey.publicKeyHex.prefix(16))…)"))
            }
            let key: SymmetricKey
            do {
                key = try SymmetricKey(secret: SealedBox.openSecret(header.sealedKey, with: recoveryKey.keyPair))
                decryptor = try SecretStreamDecryptor(key: key, header: header.stream)
            } catch {
                throw FileError(path: path, code: .damaged("the recovery key does not open its key"))
            }
            self.header = header
            self.descriptor = descriptor
            self.path = path
            headerBytes = bytes
            bytesRead = UInt64(bytes.count)
            hasher?.update(bytes)
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// The next message's plaintext, and whether it was the last.
    mutating func next() throws(FileError) -> (plaintext: [UInt8], isFinal: Bool) {
        guard !decryptor.isFinished else { throw damaged("it goes on after its last message") }
        let prefix = try read(4)
        guard prefix.count == 4 else { throw damaged("it ends before its last message (cut short?)") }
        let length = Int(prefix[0]) << 24 | Int(prefix[1]) << 16 | Int(prefix[2]) << 8 | Int(prefix[3])
        guard length >= SecretStreamEncryptor.chunkOverhead, length <= BackupStreamWriter.messageBytes + SecretStreamEncryptor.chunkOverhead else {
            throw damaged("a message claims \(length) bytes")
        }
        let sealed = try read(length)
        guard sealed.count == length else { throw damaged("it ends inside a message (cut short?)") }
        let associatedData = headerBytes ?? []
        headerBytes = nil
        do {
            return try decryptor.pull(sealed, associatedData: associatedData)
        } catch {
            throw damaged("a message does not authenticate (changed, moved, or the header edited)")
        }
    }

    /// Confirms the file ends exactly after its final message; the BLAKE2b-256 of the whole file.
    mutating func finish() throws(FileError) -> Digest {
        guard decryptor.isFinished else { throw damaged("it ends before its last message (cut short?)") }
        var byte: UInt8 = 0
        guard SystemCalls.read(descriptor, &byte, 1) == 0 else { throw damaged("it has bytes after its last message") }
        return hasher.take()!.finalize()
    }

    private mutating func read(_ count: Int) throws(FileError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = buffer.withUnsafeMutableBytes { SystemCalls.read(descriptor, $0.baseAddress! + filled, count - filled) }
            guard got >= 0 else { throw FileError(path: path, code: .cannotRead(String(cString: strerror(errno)))) }
            if got == 0 { break }
            filled += got
        }
        bytesRead += UInt64(filled)
        let bytes = filled == count ? buffer : Array(buffer[..<filled])
        hasher?.update(bytes)
        return bytes
    }

    private func damaged(_ problem: String) -> FileError { FileError(path: path, code: .damaged(problem)) }

    private static func openForReading(_ path: String) throws(FileError) -> Int32 {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, code: .cannotRead(String(cString: strerror(errno)))) }
        return descriptor
    }

    /// The header: read a byte at a time up to its second newline, so the stream after it is
    /// read from exactly where it starts.
    private static func readHeader(_ descriptor: Int32, path: String) throws(FileError) -> (header: BackupHeader, bytes: [UInt8]) {
        var bytes: [UInt8] = []
        var newlines = 0
        var byte: UInt8 = 0
        while newlines < 2, bytes.count < BackupHeader.maximumBytes {
            let got = SystemCalls.read(descriptor, &byte, 1)
            guard got >= 0 else { throw FileError(path: path, code: .cannotRead(String(cString: strerror(errno)))) }
            if got == 0 { break }
            bytes.append(byte)
            if byte == 0x0A { newlines += 1 }
        }
        guard let parsed = BackupHeader.parse(bytes), parsed.length == bytes.count else {
            throw FileError(path: path, code: .unrecognised(expected: "a Grievance backup (its first line is \(BackupHeader.magic))"))
        }
        return (parsed.header, bytes)
    }

    deinit { close(descriptor) }
}
