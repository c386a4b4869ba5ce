/// Why a summary was not made, for people: each face renders `message` and `hint`.
public enum SummaryError: Error, Sendable, Hashable, CustomStringConvertible {
    case badPeriod(String)
    case badMonth(String)
    case backwards(from: String, to: String)
    /// Only a period that has ended is summarised: its numbers can no longer change, so the same
    /// period released twice says the same thing.
    case notEnded(String)
    case noCheckpoint
    /// A withheld value is narrowed to one, and the audit finds nothing in this summary whose
    /// withholding would widen it: the earlier releases narrow it, or the audit is at fault.
    case ledgerDiscloses(String)
    case solverFailed(String)
    case damagedLedger(String)

    public var description: String { message }

    public var message: String {
        switch self {
        case .badPeriod(let text): "\(text) is not a period: give a quarter (2027-Q1), a month (2027-03) or a year (2027)"
        case .badMonth(let text): "\(text) is not a month: give it as 2027-03"
        case .backwards(let from, let to): "the period from \(from) to \(to) ends before it begins"
        case .notEnded(let period): "\(period) has not ended yet: a summary covers only a period that is over"
        case .noCheckpoint: "the audit log has no signed checkpoint for the summary to carry"
        case .ledgerDiscloses(let what): "the audit finds \(what) narrowed to one value, and nothing in this summary that it could withhold to prevent it; nothing more can be released safely"
        case .solverFailed(let why): "the disclosure audit could not be completed: \(why)"
        case .damagedLedger(let why): "the release ledger is damaged: \(why)"
        }
    }

    public var hint: String? {
        switch self {
        case .badPeriod, .badMonth, .backwards: "an arbitrary run of months is `--ad-hoc --from 2027-02 --to 2027-05`"
        case .notEnded: "summarise the last period that has ended, or wait until this one is over"
        case .noCheckpoint: "an administrator signs one with `grievance-cli audit checkpoint --as ID`"
        case .ledgerDiscloses: "this should mean the ledger was edited or a release was made outside this program: check it with `audit verify`; if it verifies, report this refusal as a fault, with the period and audience"
        case .solverFailed, .damagedLedger: nil
        }
    }
}
