import Foundation
import GrievanceCrypto

/// One summary given out, as the release ledger keeps it: the published document (every
/// value as released, suppressed ones as released) and its SHA-256, also in the audit log; and,
/// beside it, which withheld values were zero (JSON), which the audit needs and nobody is shown.
package struct StoredRelease: Sendable, Hashable {
    package var releasedAt: Date
    package var period: String
    package var audience: String
    package var document: [UInt8]
    package var hash: Digest
    package var withheldZeros: [UInt8]

    package init(releasedAt: Date, period: String, audience: String, document: [UInt8], hash: Digest, withheldZeros: [UInt8]) {
        self.releasedAt = releasedAt
        self.period = period
        self.audience = audience
        self.document = document
        self.hash = hash
        self.withheldZeros = withheldZeros
    }
}
