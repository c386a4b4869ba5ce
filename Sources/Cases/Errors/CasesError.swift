/// A refusal or failure of Cases, as a code with its values. It never holds complaint content,
/// receipts or passphrases. `description` says it in plain English for logs and tests; each
/// face renders it for its people: the command line adds a hint, the server says a field's
/// problem in the reporter's language.
public struct CasesError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: Hashable, Sendable {
        case noSuchCase(CaseReference)
        case noSuchPerson(String)
        case noSuchEvent(String)
        case noSuchAttachment(CaseReference, UInt64)
        /// Retention ended the case: its content and keys are gone; its clear metadata stays.
        case shredded(CaseReference)
        /// A hold placed on a case already held, or released from one that is not.
        case holdState(CaseReference, held: Bool)
        case unknownCategory(String)
        case invalid(Field, Problem)
        /// The access rule's refusal; the attempt was logged.
        case refused(AccessRefusal)
        /// The access rule's refusal to give this person the case (by assignment); logged.
        case cannotReceive(String, AccessRefusal)
        /// Only an administrator does this; the attempt was logged.
        case administratorsOnly(AdministrativeAction)
        /// Summaries are released by the Executive Committee's members and administrators.
        case summariesOnly
        /// The first person of an installation is added without an administrator, and must be one.
        case firstPersonMustAdminister
        /// The person holds no copy of the log key.
        case noLogKey(String)
        /// The person holds no copy of the organisation key (to certify an administrator).
        case noOrganisationKey(String)
        /// Nobody with this id waits to enrol.
        case noEnrolment(String)
        /// The log has no signed checkpoint yet (to cosign).
        case noCheckpoint
        case stageChange(StageChangeRefusal)
        /// A new procedure would leave open cases in a stage or category it no longer has.
        case procedureStrands(Int)
        case wrongPassphrase
        /// Deliberately the same for a receipt that never existed and one that is mistyped.
        case noCaseForReceipt
        case duplicate(Duplicate)
        /// Stored data that does not decrypt or decode: tampering, or a damaged file. Names the item.
        case damaged(String)
        /// The data directory takes no write now; nothing changed, and the same request may be
        /// made again once it passes.
        case unavailable(Unavailability)
    }

    public let code: Code

    public init(_ code: Code) { self.code = code }

    public static func invalid(_ field: Field, _ problem: Problem) -> Self { Self(.invalid(field, problem)) }
    public static func damaged(_ what: String) -> Self { Self(.damaged(what)) }
    public static let wrongPassphrase = Self(.wrongPassphrase)
    public static let noCaseForReceipt = Self(.noCaseForReceipt)

    /// The data directory takes no write now (its lock held past the wait, its disk full, its
    /// filesystem read-only): try again later, nothing changed.
    public var isUnavailable: Bool {
        if case .unavailable = code { true } else { false }
    }

    /// The field at fault and its problem, for a refusal of something a client sent; nil for
    /// every other kind of error.
    public var fieldProblem: (field: Field, problem: Problem)? {
        switch code {
        case .invalid(let field, let problem): (field, problem)
        case .unknownCategory: (.category, .unknown)
        case .noSuchEvent: (.event, .unknown)
        default: nil
        }
    }

    public var description: String {
        switch code {
        case .noSuchCase(let reference): "no case \(reference)"
        case .noSuchPerson(let id): "no person with id \(id)"
        case .noSuchEvent(let slug): "no event \(slug)"
        case .noSuchAttachment(let reference, let number): "\(reference) has no attachment #\(number)"
        case .shredded(let reference): "\(reference) was ended under the retention schedule: its content and keys no longer exist"
        case .holdState(let reference, let held): held ? "\(reference) is held already" : "\(reference) is not held"
        case .unknownCategory(let id): "the procedure has no category \(id)"
        case .invalid(let field, let problem): problem.sentence(about: field)
        case .refused(let refusal): "not allowed: \(refusal)"
        case .cannotReceive(let id, let refusal): "not allowed: \(id) cannot be given the case: \(refusal)"
        case .administratorsOnly(let action): "not allowed: \(action.phrase) is for administrators"
        case .summariesOnly: "not allowed: summaries are released by members of the Executive Committee (the executive role) and administrators"
        case .firstPersonMustAdminister: "not allowed: only the first person is added without an administrator, and must be one"
        case .noLogKey(let id): "not allowed: \(id) holds no copy of the log key"
        case .noOrganisationKey(let id): "not allowed: \(id) holds no copy of the organisation key, which certifies administrators"
        case .noEnrolment(let id): "nobody with id \(id) is waiting to enrol"
        case .noCheckpoint: "the log has no signed checkpoint yet"
        case .stageChange(let refusal): "stage change refused: \(refusal)"
        case .procedureStrands(let count): "the new procedure would strand \(count) open case\(count == 1 ? "" : "s") in a stage or category it does not have; nothing was changed"
        case .wrongPassphrase: "wrong passphrase"
        case .noCaseForReceipt: "no case matches this receipt"
        case .duplicate(let what): "\(what)"
        case .damaged(let what): "stored data does not decrypt or decode: \(what)"
        case .unavailable(let why): "\(why); nothing was changed"
        }
    }
}
