import AuditLog
import Cases
import Foundation
import GrievanceCrypto

/// Makes and releases summaries: reads clear metadata only (no case key is ever opened, and the
/// person releasing holds none), counts, applies disclosure control against the release
/// ledger, and records the release — its hash in the audit log — before anyone sees it.
public struct SummaryDesk: Sendable {
    let installation: Installation

    public init(installation: Installation) { self.installation = installation }

    /// How often a release is recomputed when another is recorded while it was being made.
    private static let attempts = 5

    /// Releases `period`'s summary for `audience`, as `actor` (a member of the Executive
    /// Committee or an administrator).
    public func release(_ period: SummaryPeriod, for audience: SummaryAudience, by actor: UnlockedPrincipal) throws -> SummaryDocument {
        try installation.administration.requireSummaryReleaser(actor)
        let now = installation.now
        guard period.range.dates.upperBound <= now else { throw SummaryError.notEnded(period.description) }
        for _ in 0..<Self.attempts {
            let (document, ledgerCount) = try prepare(period, for: audience, now: now)
            let canonical = try document.canonicalJSON()
            let hash = SHA256.hash(canonical)
            let release = StoredRelease(releasedAt: now, period: period.description, audience: audience.rawValue, document: canonical, hash: hash)
            if try installation.administration.appendRelease(release, expectedCount: ledgerCount, by: actor) {
                var released = document
                released.sha256 = hash.hex
                return released
            }
        }
        throw SummaryError.solverFailed("other summaries kept being released meanwhile; try again")
    }

    /// Every summary released so far, oldest first, as it was given out.
    public func releases() throws -> [SummaryDocument] {
        try installation.storage.read { try $0.summaryReleases() }.map(Self.decode)
    }

    /// The summary and how many releases the ledger held when it was checked against them.
    package func prepare(_ period: SummaryPeriod, for audience: SummaryAudience, now: Date) throws -> (SummaryDocument, Int) {
        let procedure = installation.procedure
        let trendPeriods = (0..<SummaryEngine.trendLength(of: period.kind)).reversed().map { period.shifted(back: $0) }
        let query = StatisticalQuery(
            start: period.range.dates.lowerBound, end: period.range.dates.upperBound,
            openStages: procedure.stages.filter { !$0.isTerminal }.map(\.id), terminalStages: procedure.stages.filter(\.isTerminal).map(\.id),
            feedbackStages: procedure.feedback.map { Array($0.metBy).sorted() } ?? [])
        let (cases, trend, stored, checkpoint, events) = try installation.storage.read { repository in
            (try repository.statisticalCases(query), try repository.receivedCounts(in: trendPeriods.map(\.range.dates)),
             try repository.summaryReleases(), try repository.latestCheckpoint(), try repository.events().map(\.slug))
        }
        guard let checkpoint else { throw SummaryError.noCheckpoint }
        let earlier = try stored.map(Self.decode).flatMap(\.tables)
        let engine = SummaryEngine(procedure: procedure, period: period, events: events, cases: cases, trend: Array(zip(trendPeriods, trend)))
        let threshold = procedure.suppressionThreshold
        let tables = try DisclosureControl(threshold: threshold, earlier: earlier).publish(engine.tables(for: audience))
        let document = SummaryDocument(
            format: SummaryDocument.formatName, organisation: installation.configuration.organisation, period: period.description,
            periodKind: period.kind, from: period.range.from, to: period.range.to, audience: audience, threshold: threshold,
            released: Month(containing: now), procedure: procedure.sha256, checkpoint: checkpoint.serialized, tables: tables,
            timing: engine.timing(threshold: threshold), sha256: nil)
        return (document, stored.count)
    }

    static func decode(_ release: StoredRelease) throws -> SummaryDocument {
        guard SHA256.hash(release.document) == release.hash else { throw SummaryError.damagedLedger("a release does not match its hash") }
        do {
            return try JSONDecoder().decode(SummaryDocument.self, from: Data(release.document))
        } catch {
            throw SummaryError.damagedLedger("a release does not decode (\(error))")
        }
    }
}
