import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A person's own state, kept in their home and out of every data directory's reach, as ssh
/// keeps known_hosts: `$XDG_STATE_HOME/grievance/known-data-directories.json` (by default
/// `~/.local/state/grievance/`). It pins the keys of each data directory on first use and
/// holds the last checkpoint the person verified and cosigned, so a log rewritten after they
/// looked cannot pass their next `audit verify`.
public struct PersonalState: Sendable {
    public let fileURL: URL

    public init(fileURL: URL) {
        self.fileURL = fileURL
    }

    /// The state of the person running this process, from the XDG base directory variables.
    public static func ofCurrentUser(environment: [String: String] = ProcessInfo.processInfo.environment) throws(CasesError) -> PersonalState {
        let base: URL
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = URL(fileURLWithPath: state)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            base = URL(fileURLWithPath: home).appendingPathComponent(".local/state")
        } else {
            throw CasesError.invalid(.personalState, .malformed("neither XDG_STATE_HOME nor HOME is an absolute path"))
        }
        return PersonalState(fileURL: base.appendingPathComponent("grievance/known-data-directories.json"))
    }

    /// What this person remembers of the data directory at `path`, if they used it before.
    public func known(path: String) throws(CasesError) -> KnownDataDirectory? {
        try all().first { $0.path == path }
    }

    /// Remembers `known`, replacing what was remembered of its path. The file is replaced
    /// whole (written beside it, then renamed), so a crash leaves the old state or the new one.
    public func remember(_ known: KnownDataDirectory) throws(CasesError) {
        var entries = try all().filter { $0.path != known.path }
        entries.append(known)
        entries.sort { $0.path < $1.path }
        let directory = fileURL.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let temporary = directory.appendingPathComponent(".known-data-directories.\(getpid()).json")
            try? FileManager.default.removeItem(at: temporary)
            try OwnerOnlyFile.write(Array(try encoder.encode(entries)), to: temporary.path)
            guard rename(temporary.path, fileURL.path) == 0 else {
                throw FileError(path: fileURL.path, code: .cannotWrite(String(cString: strerror(errno))))
            }
        } catch {
            throw CasesError.invalid(.personalState, .malformed("\(fileURL.path) cannot be written: \(error)"))
        }
    }

    private func all() throws(CasesError) -> [KnownDataDirectory] {
        guard let data = FileManager.default.contents(atPath: fileURL.path) else { return [] }
        do {
            return try JSONDecoder().decode([KnownDataDirectory].self, from: data)
        } catch {
            throw CasesError.invalid(.personalState, .malformed("\(fileURL.path) does not parse (\(error)); move it away to start afresh"))
        }
    }
}
