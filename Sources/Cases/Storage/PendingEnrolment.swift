import Foundation

/// Someone added, or brought back by recovery, who has not enrolled yet: their name and the
/// signed ticket (a `Certificate` of one link) that names the one-time key their code derives.
package struct PendingEnrolment: Sendable {
    package let id: String
    package let name: String
    /// The ticket as stored.
    package let ticketBytes: [UInt8]
    package let createdAt: Date

    init(id: String, name: String, ticket: Certificate, createdAt: Date) {
        self.init(id: id, name: name, ticketBytes: ticket.serialized, createdAt: createdAt)
    }

    package init(id: String, name: String, ticketBytes: [UInt8], createdAt: Date) {
        self.id = id
        self.name = name
        self.ticketBytes = ticketBytes
        self.createdAt = createdAt
    }

    /// The ticket's one link; nil when it does not parse.
    var ticket: CertificateLink? {
        guard let certificate = Certificate(serialized: ticketBytes), certificate.links.count == 1 else { return nil }
        return certificate.links[0]
    }

    /// How long a code may wait to be used: after this, an administrator gives a new one.
    static let lifetime: TimeInterval = 7 * 86_400
}
