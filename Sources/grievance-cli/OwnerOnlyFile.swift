import Foundation

/// Writes files only their owner can read, never over an existing file.
enum OwnerOnlyFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CLIFailure(message: "cannot create \(path): \(String(cString: strerror(errno)))", hint: "give a new file in a folder you can write to")
        }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            guard written > 0 else { throw CLIFailure(message: "cannot write \(path): \(String(cString: strerror(errno)))", hint: nil) }
            offset += written
        }
        guard fsync(descriptor) == 0 else { throw CLIFailure(message: "cannot write \(path): \(String(cString: strerror(errno)))", hint: nil) }
    }
}
