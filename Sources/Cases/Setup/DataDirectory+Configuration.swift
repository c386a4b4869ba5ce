import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DataDirectory {
    /// config.json as it is now on disk.
    func readConfiguration() throws -> InstallationConfiguration {
        do {
            return try JSONDecoder().decode(InstallationConfiguration.self, from: Data(contentsOf: configurationURL))
        } catch {
            throw DataDirectoryError.unreadable(configurationURL.path, "does not parse (\(error.localizedDescription))")
        }
    }

    /// Replaces config.json whole: written beside it with its mode, flushed, then renamed over it,
    /// so a reader — the server, a timer — sees the old file or the new, never half of one.
    func replaceConfiguration(_ configuration: InstallationConfiguration) throws {
        let path = configurationURL.path
        let temporary = path + ".new"
        var status = stat()
        let mode = stat(path, &status) == 0 ? mode_t(status.st_mode & 0o777) : 0o600
        unlink(temporary)
        #if canImport(Glibc)
        let descriptor = Glibc.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        #else
        let descriptor = Darwin.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        #endif
        guard descriptor >= 0 else { throw DataDirectoryError.cannotWrite(temporary, String(cString: strerror(errno))) }
        // The mode asked for is cut by the umask: set it as the old file had it.
        _ = fchmod(descriptor, mode)
        let written = OwnerOnlyFile.writeAll(try configuration.encoded(), to: descriptor) && fsync(descriptor) == 0
        let problem = errno
        close(descriptor)
        guard written, rename(temporary, path) == 0 else {
            let why = String(cString: strerror(written ? errno : problem))
            unlink(temporary)
            throw DataDirectoryError.cannotWrite(path, why)
        }
    }

    /// The notifier config.json names now, if an administrator's signature on it verifies; nil
    /// when none is named. Read afresh each time, so that `notify set` needs no restart.
    func notifier(ledger: Ledger) throws -> Notifier? {
        try readConfiguration().notify?.verifiedNotifier(ledger: ledger)
    }
}
