import GrievanceCrypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a small file that holds a secret (the pepper, the recovery key) straight into guarded
/// memory, never through `Data` or `String`.
enum SecretFile {
    /// The whole file, refused if it is longer than `maximumBytes`.
    static func read(_ path: String, maximumBytes: Int) throws(FileError) -> SecureBytes {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileError(path: path, code: .cannotRead(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var length = 0
        let buffer = try SecureBytes.make(count: maximumBytes + 1) { (out) throws(FileError) in
            while length <= maximumBytes {
                let count = SystemCalls.read(descriptor, out.baseAddress! + length, maximumBytes + 1 - length)
                guard count >= 0 else { throw FileError(path: path, code: .cannotRead(String(cString: strerror(errno)))) }
                if count == 0 { break }
                length += count
            }
        }
        guard length <= maximumBytes else { throw FileError(path: path, code: .cannotRead("it is longer than \(maximumBytes) bytes")) }
        return buffer.withUnsafeBytes { all in
            SecureBytes.make(count: length) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: all[0..<length])) }
        }
    }
}
