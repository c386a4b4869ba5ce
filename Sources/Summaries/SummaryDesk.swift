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
            let (document, zeros, ledgerCount) = try prepare(period, for: audience, now: now)
            let canonical = try document.canonicalJSON()
            let hash = SHA256.hash(canonical)
            let release = StoredRelease(releasedAt: now, period: period.description, audience: audience.rawValue, document: canonical, hash: hash,
                                        withheldZeros: try Self.encode(zeros))
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
        try installation.storage.read { try $0.summaryReleases() }.map { try Self.decode($0).document }
    }

    /// The summary, the zeros it withholds (per table), and how many releases the ledger held
    /// when it was checked against them.
    package func prepare(_ period: SummaryPeriod, for audience: SummaryAudience, now: Date) throws -> (SummaryDocument, [Set<GridPoint>], Int) {
        let procedure = installation.procedure
        let trendPeriods = Self.trendPeriods(ending: period)
        let query = Self.query(period, procedure: procedure)
        let (cases, trend, stored, checkpoint, events) = try installation.storage.read { repository in
            (try repository.statisticalCases(query), try repository.receivedCounts(in: trendPeriods.map(\.range.dates)),
             try repository.summaryReleases(), try repository.latestCheckpoint(), try repository.events().map(\.slug))
        }
        guard let checkpoint else { throw SummaryError.noCheckpoint }
        let earlier = try stored.flatMap { release in
            let (document, zeros) = try Self.decode(release)
            return document.tables.enumerated().map { ReleasedTable(table: $1, withheldZeros: zeros[$0] ?? []) }
        }
        let engine = SummaryEngine(procedure: procedure, period: period, events: events, cases: cases, trend: Array(zip(trendPeriods, trend)))
        let threshold = procedure.suppressionThreshold
        let released = try DisclosureControl(threshold: threshold, earlier: earlier).publish(engine.tables(for: audience))
        let tables = released.map(\.table)
        let document = SummaryDocument(
            format: SummaryDocument.formatName, organisation: installation.configuration.organisation, period: period.description,
            periodKind: period.kind, from: period.range.from, to: period.range.to, audience: audience, threshold: threshold,
            released: Month(containing: now), procedure: procedure.sha256, checkpoint: try Self.logSigned(checkpoint, origin: installation.storage.auditOrigin), tables: tables,
            timing: engine.timing(threshold: threshold), sha256: nil)
        return (document, released.map(\.withheldZeros), stored.count)
    }

    /// The checkpoint with the log's own signature alone: a witness's cosignature carries the
    /// second it was made, finer than a summary may show.
    static func logSigned(_ checkpoint: SignedNote, origin: String) throws -> String {
        try SignedNote(text: checkpoint.text, signatures: checkpoint.signatures.filter { $0.name == origin }).serialized
    }

    /// What storage is asked for: the cases alive in the period, with the procedure's stages.
    static func query(_ period: SummaryPeriod, procedure: Procedure) -> StatisticalQuery {
        StatisticalQuery(
            start: period.range.dates.lowerBound, end: period.range.dates.upperBound,
            openStages: procedure.stages.filter { !$0.isTerminal }.map(\.id), terminalStages: procedure.stages.filter(\.isTerminal).map(\.id),
            feedbackStages: procedure.feedback.map { Array($0.metBy).sorted() } ?? [])
    }

    /// The trend's periods, oldest first, `period` last.
    static func trendPeriods(ending period: SummaryPeriod) -> [SummaryPeriod] {
        (0..<SummaryEngine.trendLength(of: period.kind)).reversed().map { period.shifted(back: $0) }
    }

    /// A release read back: its document, checked against its hash, and its withheld zeros by table.
    static func decode(_ release: StoredRelease) throws -> (document: SummaryDocument, zeros: [Int: Set<GridPoint>]) {
        guard SHA256.hash(release.document) == release.hash else { throw SummaryError.damagedLedger("a release does not match its hash") }
        do {
            let document = try JSONDecoder().decode(SummaryDocument.self, from: Data(release.document))
            var zeros: [Int: Set<GridPoint>] = [:]
            for place in try JSONDecoder().decode([[Int]].self, from: Data(release.withheldZeros)) {
                guard place.count == 3 else { throw SummaryError.damagedLedger("a withheld zero is not [table, row, column]") }
                zeros[place[0], default: []].insert(GridPoint(row: place[1], column: place[2]))
            }
            return (document, zeros)
        } catch let error as SummaryError {
            throw error
        } catch {
            throw SummaryError.damagedLedger("a release does not decode (\(error))")
        }
    }

    static func encode(_ zeros: [Set<GridPoint>]) throws -> [UInt8] {
        let places = zeros.enumerated().flatMap { table, points in
            points.sorted { ($0.row, $0.column) < ($1.row, $1.column) }.map { [table, $0.row, $0.column] }
        }
        return [UInt8](try JSONEncoder().encode(places))
    }
}
