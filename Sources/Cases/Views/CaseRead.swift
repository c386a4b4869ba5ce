import Foundation

/// Someone who opened or exported a case, from the audit log.
public struct CaseRead: Sendable, Hashable, Encodable {
    public let actor: String
    public let at: Date
}
