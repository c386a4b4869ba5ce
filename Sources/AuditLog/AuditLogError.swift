/// A failure of the audit log, with a message meant for people. Messages name sequence numbers,
/// sizes and key names, never the content of entries.
public struct AuditLogError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case invalidEntry(String)
        case malformedEntry(String)
        case malformedNote(String)
        case malformedKey(String)
        case badSignature(String)
        case inconsistent(String)
        case proofFailed(String)
        case outOfRange(String)
        case malformedExport(line: Int, problem: String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// An entry the caller asked to append breaks a rule of the format (a field too long, a bad key).
    public static func invalidEntry(_ reason: String) -> Self { Self(.invalidEntry(reason)) }
    /// Stored or exported bytes that do not decode as an entry.
    public static func malformedEntry(_ reason: String) -> Self { Self(.malformedEntry(reason)) }
    public static func malformedNote(_ reason: String) -> Self { Self(.malformedNote(reason)) }
    public static func malformedKey(_ reason: String) -> Self { Self(.malformedKey(reason)) }
    public static func badSignature(_ reason: String) -> Self { Self(.badSignature(reason)) }
    /// The log or a checkpoint contradicts one signed before: refused.
    public static func inconsistent(_ reason: String) -> Self { Self(.inconsistent(reason)) }
    public static func proofFailed(_ reason: String) -> Self { Self(.proofFailed(reason)) }
    public static func outOfRange(_ reason: String) -> Self { Self(.outOfRange(reason)) }
    public static func malformedExport(line: Int, _ problem: String) -> Self { Self(.malformedExport(line: line, problem: problem)) }

    public var description: String {
        switch code {
        case .invalidEntry(let reason): "invalid audit entry: \(reason)"
        case .malformedEntry(let reason): "malformed audit entry: \(reason)"
        case .malformedNote(let reason): "malformed signed note: \(reason)"
        case .malformedKey(let reason): "malformed verifier key: \(reason)"
        case .badSignature(let reason): "bad signature: \(reason)"
        case .inconsistent(let reason): "refused, inconsistent with what was signed before: \(reason)"
        case .proofFailed(let reason): "proof does not verify: \(reason)"
        case .outOfRange(let reason): "out of range: \(reason)"
        case .malformedExport(let line, let problem): "malformed export at line \(line): \(problem)"
        }
    }
}
