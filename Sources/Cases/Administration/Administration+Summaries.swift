import AuditLog
import Foundation
import GrievanceCrypto

/// The release ledger's door: who may release a summary, and the release itself, written with
/// its audit entry in one transaction.
extension Administration {
    /// Refuses, and logs, anyone the access rule does not let release summaries, or whose
    /// certificate does not verify.
    public func requireSummaryReleaser(_ actor: UnlockedPrincipal) throws {
        try ledger.transaction { repository in
            let people = Certification.byID(try repository.principals())
            guard let stored = people[actor.id] else { throw CasesError(.noSuchPerson(actor.id)) }
            guard Access.mayReleaseSummaries(stored.principal) else {
                throw AccessDenial(CasesError(.summariesOnly), actor: actor.id, attempted: "summary.release", reference: nil,
                                   reason: stored.principal.isDisabled ? "disabled" : "role")
            }
            if case .untrusted(let why) = ledger.certification.verdict(of: stored, among: people) {
                throw AccessDenial(CasesError.invalid(.person, .untrusted("you (\(actor.id)) \(why)")), actor: actor.id, attempted: "summary.release",
                                   reference: nil, reason: "untrusted")
            }
        }
    }

    /// Appends a release to the ledger and its hash to the audit log, unless another release
    /// was appended since `expectedCount` were read (the caller then checks again). True when
    /// appended.
    package func appendRelease(_ release: StoredRelease, expectedCount: Int, by actor: UnlockedPrincipal) throws -> Bool {
        try ledger.transaction { repository in
            guard try repository.summaryReleases().count == expectedCount else { return false }
            try repository.insertSummaryRelease(release)
            try repository.audit(ledger.entry(actor.id, "summary.released", nil, [
                AuditDetail("period", release.period), AuditDetail("audience", release.audience), AuditDetail("sha256", release.hash.hex),
            ]))
            return true
        }
    }
}
