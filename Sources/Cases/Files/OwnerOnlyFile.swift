#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files only their owner can read (0600), written new — never over an existing file — and
/// flushed to disk before they are called written.
public enum OwnerOnlyFile {
    public static func write(_ bytes: some Collection<UInt8>, to path: String) throws(FileError) {
        try Array(bytes).withUnsafeBytes { buffer in Result { () throws(FileError) in try write(buffer, to: path) } }.get()
    }

    /// Writes bytes that live in guarded memory without copying them anywhere else.
    public static func write(_ buffer: UnsafeRawBufferPointer, to path: String) throws(FileError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw FileError(path: path, code: errno == EEXIST ? .exists : .cannotCreate(String(cString: strerror(errno))))
        }
        defer { close(descriptor) }
        guard writeAll(buffer, to: descriptor) else { throw FileError(path: path, code: .cannotWrite(String(cString: strerror(errno)))) }
        guard fsync(descriptor) == 0 else { throw FileError(path: path, code: .cannotWrite(String(cString: strerror(errno)))) }
    }

    /// Writes every byte to an open file; false (errno says why) if the system refused.
    static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let written = SystemCalls.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }
}
