/// What is wrong with a value, with the numbers that say so; the words are each face's.
public enum Problem: Sendable, Hashable {
    /// Names a category, event or person the system does not know.
    case unknown
    case empty
    case tooLong(maximumBytes: Int)
    /// Characters as JSON Schema's `maxLength` counts them: Unicode scalars.
    case tooManyCharacters(maximum: Int)
    case tooShort(minimumCharacters: Int)
    case tooMany(maximum: Int)
    /// A file over the limit, in bytes.
    case tooLarge(maximumBytes: Int)
    case notAReference
    /// Ids and slugs: 1 to 64 of a-z, 0-9 and the separators given.
    case notAnIdentifier(separators: String)
    /// A name the system itself writes in the audit log (`Principal.reservedIDs`).
    case reservedName
    case notADate
    case endsBeforeStarts
    case placeWhenOnline
    case placeMissing
    case notOneOf([String])
    case notAWebAddress
    case notThisOrganisations
    /// Web reports come from reporters, never from a handler on their behalf.
    case webNotOnBehalf
    /// Reports by this channel are filed by a handler on the reporter's behalf.
    case needsHandler(IntakeChannel)
    case ownAdministratorRole
    case selfDisable
    case selfExclusion
    case disabled
    case alreadyDisabled
    /// It changed since it was read; running again will read it afresh.
    case changedMeanwhile
    /// It does not parse; says why.
    case malformed(String)
    /// Outside what is allowed, which it names: "from 1 hour to 90 days".
    case outside(String)
    /// A program named without its absolute path, which a PATH would choose.
    case notAbsolutePath
    /// It contradicts what was seen before (a log that no longer extends a checkpoint); says how.
    case inconsistent(String)
    /// A person's certificate chain does not verify: nothing may be sealed to them.
    case untrusted(String)
    /// Not the code (or key) this person was given.
    case notThisPersons
    /// Too old to be used; a new one is needed.
    case expired
    /// The appeals panel reviews the investigation: nobody is both.
    case investigatorOnPanel
    /// An administrator never also holds a role that reads cases.
    case administratorReadsCases([Role])

    /// The problem said of `field`, as one sentence: "the note must not be empty".
    public func sentence(about field: Field) -> String {
        switch self {
        case .ownAdministratorRole: "you cannot take away your own administrator role"
        case .selfDisable: "you cannot disable yourself"
        case .selfExclusion: "you cannot exclude yourself from a case"
        case .webNotOnBehalf, .needsHandler, .changedMeanwhile: description
        default: "\(field.phrase) \(description)"
        }
    }

    public var description: String {
        switch self {
        case .unknown: "names nothing this system knows"
        case .empty: "must not be empty"
        case .tooLong(let bytes): "is longer than \(bytes) bytes"
        case .tooManyCharacters(let maximum): "is longer than \(maximum) characters"
        case .tooShort(let characters): "is shorter than \(characters) characters"
        case .tooMany(let maximum): "lists more than \(maximum)"
        case .tooLarge(let bytes): "is larger than \(bytes / (1024 * 1024)) MB"
        case .notAReference: "is not a case reference (GRV- and eight letters and digits)"
        case .notAnIdentifier(let separators): "must be 1 to 64 of a-z, 0-9 and \(separators)"
        case .reservedName: "is a name the system logs its own actions under; choose another"
        case .notADate: "must be dates written YYYY-MM-DD"
        case .endsBeforeStarts: "end before they start"
        case .placeWhenOnline: "cannot be a city or country for an online event"
        case .placeMissing: "needs a city and a two-letter country code, or the event marked online"
        case .notOneOf(let choices): "must be one of \(choices.joined(separator: ", "))"
        case .notAWebAddress: "must be an http or https address"
        case .notThisOrganisations: "is not this organisation's"
        case .webNotOnBehalf: "web reports come from reporters themselves, not from a handler"
        case .needsHandler(let channel): "\(channel.rawValue) reports are filed by a handler on the reporter's behalf"
        case .ownAdministratorRole: "would take away your own administrator role"
        case .selfDisable: "is you: nobody disables their own account"
        case .selfExclusion: "is you: nobody excludes themselves from a case"
        case .disabled: "is disabled"
        case .alreadyDisabled: "is already disabled"
        case .changedMeanwhile: "something changed while this ran; run it again"
        case .malformed(let why): "does not parse: \(why)"
        case .outside(let allowed): "must be \(allowed)"
        case .notAbsolutePath: "must name its program by an absolute path (/usr/sbin/sendmail, not sendmail), so that no PATH chooses it"
        case .inconsistent(let why): "does not agree with what was seen before: \(why)"
        case .untrusted(let why): "is not certified: \(why)"
        case .notThisPersons: "is not the one this person was given"
        case .expired: "has expired (a code lasts a week)"
        case .investigatorOnPanel: "give investigator and appeals together; the appeals panel reviews the investigation, so nobody is both"
        case .administratorReadsCases(let roles):
            "give admin together with \(roles.map(\.rawValue).sorted().joined(separator: ", ")), a role that reads cases; an administrator never reads cases"
        }
    }
}
