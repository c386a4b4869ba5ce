import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a backup file: the clear header, then secretstream messages, each framed by its
/// length (four bytes, big-endian). The first message carries the header as associated data,
/// so a reader that opens it knows the header is the one written. Everything written is hashed,
/// for the log's record of the backup (BLAKE2b-256: `b2sum -l 256 FILE` gives the same).
struct BackupStreamWriter: ~Copyable {
    /// Plaintext bytes per message: large enough that framing costs nothing, small enough that
    /// memory stays flat whatever the size of the database.
    static let messageBytes = 1 << 20

    private var encryptor: SecretStreamEncryptor
    private let descriptor: Int32
    private let path: String
    private var headerBytes: [UInt8]?
    private var hasher = BLAKE2bHasher()
    private(set) var written: UInt64 = 0

    /// Starts the file with the header `header` makes from the secretstream's own header.
    init(key: SymmetricKey, descriptor: Int32, path: String, header: (_ stream: [UInt8]) -> BackupHeader) throws(FileError) {
        encryptor = SecretStreamEncryptor(key: key)
        self.descriptor = descriptor
        self.path = path
        let bytes = header(encryptor.header).bytes
        headerBytes = bytes
        try put(bytes)
    }

    /// Encrypts and writes one message of at most `messageBytes`.
    mutating func message(_ plaintext: UnsafeRawBufferPointer, final: Bool = false) throws(FileError) {
        precondition(plaintext.count <= Self.messageBytes)
        let associatedData = headerBytes ?? []
        headerBytes = nil
        let sealed: [UInt8]
        do { sealed = try encryptor.push(plaintext, associatedData: associatedData, final: final) } catch {
            throw FileError(path: path, code: .cannotWrite("\(error)"))
        }
        let length = UInt32(sealed.count)
        try put([UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)])
        try put(sealed)
    }

    mutating func message(_ plaintext: [UInt8], final: Bool = false) throws(FileError) {
        try plaintext.withUnsafeBytes { buffer in Result { () throws(FileError) in try message(buffer, final: final) } }.get()
    }

    /// Ends the stream; the file's BLAKE2b-256 and length.
    consuming func finish() throws(FileError) -> (checksum: Digest, bytes: UInt64) {
        try message([], final: true)
        guard fsync(descriptor) == 0 else { throw FileError(path: path, code: .cannotWrite(String(cString: strerror(errno)))) }
        let bytes = written
        return (hasher.finalize(), bytes)
    }

    private mutating func put(_ bytes: [UInt8]) throws(FileError) {
        guard OwnerOnlyFile.writeAll(bytes, to: descriptor) else { throw FileError(path: path, code: .cannotWrite(String(cString: strerror(errno)))) }
        hasher.update(bytes)
        written += UInt64(bytes.count)
    }
}
