import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Encrypts one uploaded file as its bytes arrive, 64 KiB at a time, with
/// `crypto_secretstream`, under a key of its own, writing each chunk of ciphertext to a spool file
/// at once: at most one chunk of plaintext is ever held, only ciphertext touches the disk, and a
/// file over the limit is refused before it is read to its end. Made by `IntakeDesk`.
public final class AttachmentSealer {
    public static let chunkBytes = 64 * 1024
    public static let maximumBytes = 10 * 1024 * 1024
    public static let maximumCount = 5
    static let associatedData = Array("grievance/v1/attachment-chunk".utf8)

    /// Binds an attachment's sealed key to its case and record, so that a key (and its chunks)
    /// moved to another case or record does not open.
    static func keyAssociatedData(reference: CaseReference, sequence: UInt64) -> [UInt8] {
        var data = Array("grievance/v1/attachment-key".utf8) + [0] + Array(reference.rawValue.utf8) + [0]
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: sequence >> UInt64(shift))) }
        return data
    }

    public let name: String
    public let contentType: String
    public private(set) var size = 0
    private let key = SymmetricKey.generate()
    private var encryptor: SecretStreamEncryptor
    private var pending: [UInt8] = []
    private let path: String
    private var descriptor: Int32
    private var chunkLengths: [Int] = []

    /// `name` keeps only its last path component and at most 200 bytes; an empty name is "file".
    init(name: String, contentType: String, spool: AttachmentSpool) throws(FileError) {
        let base = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var cleaned = ""
        for character in base where !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            guard cleaned.utf8.count + character.utf8.count <= 200 else { break }
            cleaned.append(character)
        }
        self.name = cleaned.isEmpty ? "file" : cleaned
        self.contentType = contentType.isEmpty || contentType.utf8.count > 100 ? "application/octet-stream" : contentType
        encryptor = SecretStreamEncryptor(key: key)
        (path, descriptor) = try spool.makeFile()
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Adds the next bytes of the file; refuses a file grown past the limit.
    public func append(_ bytes: some Collection<UInt8>) throws(CasesError) {
        size += bytes.count
        guard size <= Self.maximumBytes else {
            throw CasesError.invalid(.attachments, .tooLarge(maximumBytes: Self.maximumBytes))
        }
        var rest = bytes[...]
        while !rest.isEmpty {
            // A full chunk goes only once more bytes follow it: the last one is marked final.
            if pending.count == Self.chunkBytes {
                try spool(try! encryptor.push(pending, associatedData: Self.associatedData))
                pending.removeAll(keepingCapacity: true)
            }
            let taken = rest.prefix(Self.chunkBytes - pending.count)
            pending.append(contentsOf: taken)
            rest = rest[taken.endIndex...]
        }
    }

    /// The last chunk, marked final, so a stream cut short is detected when it is read.
    public func finish() throws(CasesError) -> SealedAttachment {
        try spool(try! encryptor.push(pending, associatedData: Self.associatedData, final: true))
        pending.removeAll()
        close(descriptor)
        descriptor = -1
        return SealedAttachment(info: AttachmentInfo(name: name, contentType: contentType, size: size), key: key,
                                header: encryptor.header, path: path, chunkLengths: chunkLengths)
    }

    /// Removes the spool file of an upload that will not be filed (cut short, refused).
    public func discard() { unlink(path) }

    private func spool(_ chunk: [UInt8]) throws(CasesError) {
        guard OwnerOnlyFile.writeAll(chunk, to: descriptor) else {
            let code = errno
            if let why = Unavailability(systemError: code) { throw CasesError(.unavailable(why)) }
            throw CasesError.damaged("the spool file of an attachment could not be written (\(String(cString: strerror(code))))")
        }
        chunkLengths.append(chunk.count)
    }
}
