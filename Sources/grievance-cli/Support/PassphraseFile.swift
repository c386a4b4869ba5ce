import Cases
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A passphrase kept in a file for a script or a service (`GRIEVANCE_PASSPHRASE_FILE`): read
/// straight into guarded memory, never through `Data` or `String`. The file must be the
/// user's own and nobody else's to read or change — a passphrase others can read is no
/// longer a secret, and one others can write can be swapped — so anything else is refused
/// before a byte is read. One trailing newline, which editors and `echo` add, is not part of
/// the passphrase. A pipe is taken too (`<(pass show grievance)`), on the same terms.
enum PassphraseFile {
    static func read(_ path: String, variable: String, maximumBytes: Int) throws -> Passphrase {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            throw CLIFailure(.notFound, message: "cannot read the passphrase file \(path) (\(variable)): \(String(cString: strerror(errno)))",
                             hint: "check the path in \(variable)")
        }
        defer { close(descriptor) }
        // Checked on the open file, not the path: what is read is what was checked.
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw CLIFailure(.notFound, message: "cannot read the passphrase file \(path): \(String(cString: strerror(errno)))", hint: nil)
        }
        let type = status.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFIFO else {
            throw CLIFailure(.unusable, message: "\(path) (\(variable)) is not a file", hint: "give a file that holds only the passphrase")
        }
        guard status.st_uid == geteuid() else {
            throw CLIFailure(.unsafeFile, message: "the passphrase file \(path) belongs to another user",
                             hint: "keep the passphrase in a file of your own, readable by you alone (chmod 600)")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw CLIFailure(.unsafeFile,
                             message: "the passphrase file \(path) can be read or changed by other users (mode \(String(status.st_mode & 0o777, radix: 8)))",
                             hint: "run `chmod 600 \(path)`, and change the passphrase if others may have read it")
        }
        var failure: Int32 = 0
        var tooLong = false
        // Room for the passphrase, its newline and one byte more, which says it is too long.
        let passphrase = Passphrase.reading(upTo: maximumBytes + 2) { out in
            var length = 0
            while length < out.count {
                let count = Glibc.read(descriptor, out.baseAddress! + length, out.count - length)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    if count < 0 { failure = errno }
                    break
                }
                length += count
            }
            if length > 0, out[length - 1] == UInt8(ascii: "\n") { length -= 1 }
            tooLong = length > maximumBytes
            return tooLong ? 0 : length
        }
        guard failure == 0 else {
            throw CLIFailure(.notFound, message: "cannot read the passphrase file \(path): \(String(cString: strerror(failure)))", hint: nil)
        }
        guard !tooLong else {
            throw CLIFailure(.unusable, message: "the passphrase file \(path) holds more than \(maximumBytes) bytes",
                             hint: "the file holds the passphrase alone, on one line")
        }
        guard passphrase.count > 0 else {
            throw CLIFailure(.unusable, message: "the passphrase file \(path) is empty", hint: "write the passphrase into it, on one line")
        }
        return passphrase
    }
}
