/// Why the procedure does not allow a stage change, in words for the person who asked.
public struct StageChangeRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case unknownStage(String)
        case terminal(String)
        case noSuchTransition(from: String, to: String, allowed: [String])
        case roleNotAllowed(from: String, to: String, needs: [Role])
        case notAPerson
        case windowClosed(from: String, to: String, within: PolicyDuration)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    static func unknownStage(_ id: String) -> Self { Self(.unknownStage(id)) }
    static func terminal(_ id: String) -> Self { Self(.terminal(id)) }
    static func noSuchTransition(from: String, to: String, allowed: [String]) -> Self { Self(.noSuchTransition(from: from, to: to, allowed: allowed)) }
    static func roleNotAllowed(from: String, to: String, needs: [Role]) -> Self { Self(.roleNotAllowed(from: from, to: to, needs: needs)) }
    static let notAPerson = Self(.notAPerson)
    static func windowClosed(from: String, to: String, within: PolicyDuration) -> Self { Self(.windowClosed(from: from, to: to, within: within)) }

    public var description: String {
        switch code {
        case .unknownStage(let id):
            "the procedure has no stage '\(id)'"
        case .terminal(let id):
            "the case is \(id): the procedure allows no further change"
        case .noSuchTransition(let from, let to, let allowed):
            "the procedure does not allow \(from) → \(to); from \(from) a case may go to: \(allowed.joined(separator: ", "))"
        case .roleNotAllowed(let from, let to, let needs):
            "\(from) → \(to) may be taken only by: \(needs.map(\.rawValue).joined(separator: ", "))"
        case .notAPerson:
            "only a person may move a case on; routing and reminders never do"
        case .windowClosed(let from, let to, let within):
            "\(from) → \(to) was possible only within \(within) of reaching \(from)"
        }
    }
}
