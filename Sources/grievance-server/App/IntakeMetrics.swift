import Metrics

/// What the server counts, beside Hummingbird's per-route request counts and durations. Counts
/// only: never a category, a reference or anything about a client.
enum IntakeMetrics {
    static let filed = Counter(label: "grievance_complaints_filed_total")
    static let followUps = Counter(label: "grievance_follow_ups_total")
    static let replies = Counter(label: "grievance_reporter_replies_total")
    static let rateLimited = Counter(label: "grievance_rate_limited_total")
    static let unknownReceipts = Counter(label: "grievance_unknown_receipts_total")
    static let diskFull = Counter(label: "grievance_refused_disk_full_total")
    static let uploadsTurnedAway = Counter(label: "grievance_uploads_turned_away_total")
}
