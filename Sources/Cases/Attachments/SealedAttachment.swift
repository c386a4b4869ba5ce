import Foundation
import GrievanceCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An attachment encrypted as it arrived, waiting in its spool file to be filed with its case:
/// its own random key (sealed under the case key when the case is written), its secretstream
/// header, and where each chunk of ciphertext is.
public struct SealedAttachment: Sendable {
    public let info: AttachmentInfo
    let key: SymmetricKey
    let header: [UInt8]
    let path: String
    let chunkLengths: [Int]

    /// Passes each chunk of ciphertext, in order, to `body`, reading one at a time.
    func forEachChunk(_ body: (Int, [UInt8]) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CasesError.damaged("an attachment's spool file") }
        defer { try? handle.close() }
        for (index, length) in chunkLengths.enumerated() {
            guard let data = try handle.read(upToCount: length), data.count == length else {
                throw CasesError.damaged("an attachment's spool file")
            }
            try body(index, [UInt8](data))
        }
    }

    /// Removes the spool file: once the case is filed, or will not be.
    public func discard() { unlink(path) }
}
