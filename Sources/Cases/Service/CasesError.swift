/// A refusal or failure of a case operation, with a message and a hint for people. Never holds
/// complaint content, receipts or passphrases.
public struct CasesError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case noSuchCase(String)
        case noSuchPrincipal(String)
        case noSuchEvent(String)
        case unknownCategory(String)
        case invalid(field: String, problem: String)
        case notAllowed(String, hint: String?)
        case conflictOfInterest(String)
        case stageChange(StageChangeRefusal)
        case wrongPassphrase
        case noCaseForReceipt
        case duplicate(String)
        case damaged(String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    public static func noSuchCase(_ reference: String) -> Self { Self(.noSuchCase(reference)) }
    public static func noSuchPrincipal(_ id: String) -> Self { Self(.noSuchPrincipal(id)) }
    public static func noSuchEvent(_ slug: String) -> Self { Self(.noSuchEvent(slug)) }
    public static func unknownCategory(_ id: String) -> Self { Self(.unknownCategory(id)) }
    public static func invalid(_ field: String, _ problem: String) -> Self { Self(.invalid(field: field, problem: problem)) }
    /// The actor's role or relation to the case does not allow this. The attempt is logged.
    public static func notAllowed(_ reason: String, hint: String? = nil) -> Self { Self(.notAllowed(reason, hint: hint)) }
    public static func conflictOfInterest(_ reason: String) -> Self { Self(.conflictOfInterest(reason)) }
    public static func stageChange(_ refusal: StageChangeRefusal) -> Self { Self(.stageChange(refusal)) }
    public static let wrongPassphrase = Self(.wrongPassphrase)
    /// Deliberately the same for a receipt that never existed and one that is mistyped.
    public static let noCaseForReceipt = Self(.noCaseForReceipt)
    public static func duplicate(_ what: String) -> Self { Self(.duplicate(what)) }
    /// Stored data that does not decrypt or decode: tampering, or a damaged file.
    public static func damaged(_ what: String) -> Self { Self(.damaged(what)) }

    public var description: String {
        switch code {
        case .noSuchCase(let reference): "no case \(reference)"
        case .noSuchPrincipal(let id): "no person with id \(id)"
        case .noSuchEvent(let slug): "no event \(slug)"
        case .unknownCategory(let id): "the procedure has no category \(id)"
        case .invalid(let field, let problem): "\(field): \(problem)"
        case .notAllowed(let reason, _): "not allowed: \(reason)"
        case .conflictOfInterest(let reason): "conflict of interest: \(reason)"
        case .stageChange(let refusal): "stage change refused: \(refusal)"
        case .wrongPassphrase: "wrong passphrase"
        case .noCaseForReceipt: "no case matches this receipt"
        case .duplicate(let what): "\(what) already exists"
        case .damaged(let what): "stored data does not decrypt or decode: \(what)"
        }
    }

    /// For a refusal of something a client sent: the field at fault (named as the API names
    /// it) and what is wrong with it. Nil for every other kind of error.
    public var fieldProblem: (field: String, problem: String)? {
        switch code {
        case .invalid(let field, let problem): (field, problem)
        case .unknownCategory(let id): ("category", "the procedure has no category \(id)")
        case .noSuchEvent(let slug): ("event", "no event \(slug)")
        default: nil
        }
    }

    /// What to do next, in one line.
    public var hint: String {
        switch code {
        case .noSuchCase: "check the reference with `case list`"
        case .noSuchPrincipal: "see who exists with `handler list`"
        case .noSuchEvent: "see the events with `event list`"
        case .unknownCategory: "the categories are listed in policies/grievance-procedure.yaml"
        case .invalid: "correct the value and try again"
        case .notAllowed(_, let hint?): hint
        case .notAllowed: "ask a handler who holds the case to assign it to you; the attempt was logged"
        case .conflictOfInterest: "the reporter excluded this person; choose someone else"
        case .stageChange: "`case show REF` lists the stages this case may move to"
        case .wrongPassphrase: "type it again (the attempt was logged); if it is lost, an administrator runs `handler recover` with the recovery key"
        case .noCaseForReceipt: "check the receipt: 20 letters and digits in four groups of five"
        case .duplicate: "choose another name"
        case .damaged: "run `audit verify` and restore from a backup if the database was altered"
        }
    }
}
