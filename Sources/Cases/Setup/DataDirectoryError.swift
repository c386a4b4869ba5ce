/// Why a data directory cannot be made or opened, with a message and a hint for people.
public struct DataDirectoryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong, for a face that must tell the kinds apart (the command line's exit status);
    /// people read `description` and `hint`.
    public enum Kind: Hashable, Sendable {
        case missing, notInitialised, notEmpty, exposed, unreadable, organisationKeyChanged, recoveryKeyNotEndorsed, cannotCreate, cannotWrite, noSuchGroup, databaseInUse
    }

    public let kind: Kind
    public let description: String
    public let hint: String

    static func missing(_ path: String) -> Self {
        Self(kind: .missing, description: "no data directory at \(path)",
             hint: "create one with `grievance-cli init --org NAME --admin ID`, or point --data-dir (or GRIEVANCE_DATA_DIR) at yours")
    }

    static func notInitialised(_ path: String) -> Self {
        Self(kind: .notInitialised, description: "\(path) is not an initialised Grievance data directory (it has no config.json)",
             hint: "run `grievance-cli init --org NAME --admin ID --data-dir \(path)`, or point --data-dir at the right folder")
    }

    static func noSuchGroup(_ name: String) -> Self {
        Self(kind: .noSuchGroup, description: "there is no group \(name) on this machine, or you are not in it",
             hint: "create it with `groupadd \(name)` and add each handler's account with `usermod -aG \(name) USER` (docs/OPERATIONS.md)")
    }

    static func notEmpty(_ path: String, restoring: Bool = false) -> Self {
        Self(kind: .notEmpty, description: "\(path) already exists and is not empty",
             hint: restoring ? "a restore makes a new data directory and never writes over one: give a new or empty folder with --data-dir"
                 : "init makes a new data directory; give a new or empty folder with --data-dir")
    }

    static func exposed(_ path: String, mode: UInt16) -> Self {
        Self(kind: .exposed, description: "\(path) can be read by other users of this machine (mode \(String(mode, radix: 8)))",
             hint: "run `chmod o= \(path)`: the pepper and the database are for its owner, and its group when it is shared (`init --group`), never others")
    }

    static func unreadable(_ path: String, _ problem: String) -> Self {
        Self(kind: .unreadable, description: "\(path): \(problem)", hint: "check the data directory; restore it from a backup if it was damaged")
    }

    static func organisationKeyChanged(_ path: String, stored: String, pinned: String) -> Self {
        Self(kind: .organisationKeyChanged, description: "the organisation key in \(path) (\(stored)) is not the one pinned (\(pinned)): someone who can write the data directory may have replaced it",
             hint: "keep a copy of the data directory as evidence and compare the key with the one `init` printed; nothing was read or sealed")
    }

    static func recoveryKeyNotEndorsed(_ path: String) -> Self {
        Self(kind: .recoveryKeyNotEndorsed, description: "the recovery key in \(path) is not the one the organisation key vouched for: someone who can write the data directory may have replaced it",
             hint: "keep a copy of the data directory as evidence and restore it from a backup; nothing was sealed to it")
    }

    static func cannotWrite(_ path: String, _ problem: String) -> Self {
        Self(kind: .cannotWrite, description: "cannot write \(path): \(problem)", hint: "check that the data directory is writable and its disk not full; nothing was changed")
    }

    static func databaseInUse(_ location: String) -> Self {
        Self(kind: .databaseInUse, description: "the database \(location) already holds an installation",
             hint: "give init an empty database of its own (createdb), or point this data directory's config.json at the one in use")
    }

    static func alreadyMigrated(_ location: String) -> Self {
        Self(kind: .databaseInUse, description: "this data directory's tables are in \(location) already",
             hint: "there is nothing to migrate: `storage migrate` moves a SQLite data directory once")
    }

    static func cannotCreate(_ path: String, _ problem: String) -> Self {
        Self(kind: .cannotCreate, description: "cannot create \(path): \(problem)", hint: "check that the parent folder exists and is writable")
    }
}
