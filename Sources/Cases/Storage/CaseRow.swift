import Foundation
import GrievanceCrypto

/// A case as storage holds it: the clear summary and the receipt lookup hash.
package struct CaseRow: Sendable, Hashable {
    package var summary: CaseSummary
    package var receiptLookup: Digest
    package var policyHash: Digest
}
