import Foundation
import GrievanceCrypto

/// One summary given out, as the release ledger keeps it: the published document (every
/// value as released, suppressed ones as released) and its SHA-256, also in the audit log.
package struct StoredRelease: Sendable, Hashable {
    package var releasedAt: Date
    package var period: String
    package var audience: String
    package var document: [UInt8]
    package var hash: Digest

    package init(releasedAt: Date, period: String, audience: String, document: [UInt8], hash: Digest) {
        self.releasedAt = releasedAt
        self.period = period
        self.audience = audience
        self.document = document
        self.hash = hash
    }
}
