import Cases
import Foundation

/// Makes up cases over the shipped procedure with a seeded generator — so every run and every
/// machine gets the same population — and writes them by raw SQL. Some combinations are made
/// rare on purpose, so that disclosure control has small counts to protect.
public struct SyntheticPopulation: Sendable {
    public var seed: UInt64
    public var events: [String]

    public init(seed: UInt64, events: [String]) {
        self.seed = seed
        self.events = events
    }

    static let categories: [(String, Double)] = [
        ("harassment", 30), ("sexual-harassment", 12), ("discrimination", 10), ("bullying", 15), ("violence", 3), ("threats", 4),
        ("safeguarding-child", 0.6), ("safeguarding-adult", 0.8), ("conduct-breach", 20), ("misuse-of-funds", 0.5), ("other", 4),
    ]
    static let regions: [(String?, Double)] = [
        ("africa", 30), ("latin-america", 20), ("south-asia", 25), ("south-east-asia", 12), ("eastern-europe-central-asia", 6), ("global", 5), (nil, 2),
    ]
    static let roles: [(String?, Double)] = [
        ("executive-committee", 1), ("subcommittee", 2), ("member-organisation", 20), ("secretariat", 5), ("participant", 60), ("other", 8), (nil, 4),
    ]
    static let channels: [(String, Double)] = [("web", 80), ("hotline", 8), ("in-person", 7), ("email", 5)]
    static let genders: [(String?, Double)] = [("woman", 55), ("man", 25), ("non-binary", 2), ("another", 1), (nil, 17)]

    /// `count` cases received between `from` and `to`, each moved through the procedure up to `now`.
    public func generate(count: Int, from: Date, to: Date, now: Date) -> [SyntheticCase] {
        var random = SeededRandom(seed: seed)
        let day = 86_400.0
        return (0..<count).map { index in
            let created = from.addingTimeInterval(random.unit() * to.timeIntervalSince(from))
            var stages: [SyntheticCase.Transition] = [.init(stage: "received", at: created)]
            var time = created
            func move(_ stage: String, within days: Double) {
                time = time.addingTimeInterval((0.05 + random.unit()) * days * day)
                stages.append(.init(stage: stage, at: time))
            }
            move("acknowledged", within: 10)
            move("assessment", within: 15)
            switch random.unit() {
            case ..<0.3: move("closed", within: 20)
            case ..<0.55: move("informal-resolution", within: 30); move("closed", within: 40)
            case ..<0.85: move("investigation", within: 30); move("decision", within: 50); move("closed", within: 30)
            default: move("investigation", within: 30); move("decision", within: 50); move("appeal", within: 20); move("closed", within: 30)
            }
            let eventChoices: [(String?, Double)] = events.map { ($0, 10.0) } + [(nil, 60.0)]
            return SyntheticCase(
                reference: String(format: "GRV-SYN%09d", index), category: random.pick(Self.categories), region: random.pick(Self.regions),
                event: random.pick(eventChoices), respondentRole: random.pick(Self.roles), channel: random.pick(Self.channels),
                gender: random.pick(Self.genders), transitions: stages.filter { $0.at < now })
        }
    }

    /// Writes the cases and their stages as the clear columns hold them, on either engine.
    package static func insert(_ cases: [SyntheticCase], into tables: any RawTables) throws {
        let policy = RawValue.bytes([UInt8](repeating: 0xAB, count: 32))
        let insertCase = """
            INSERT INTO cases (reference, receipt_lookup, event, category, respondent_role, region, channel, language, urgent,
                               stage, stage_entered_at, created_at, reporter_gender, policy_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'en', false, ?, ?, ?, ?, ?)
            """
        let insertTransition = "INSERT INTO case_transitions (case_ref, seq, stage, entered_at) VALUES (?, ?, ?, ?)"
        func millis(_ date: Date) -> RawValue { .integer(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))) }
        func optional(_ text: String?) -> RawValue { text.map(RawValue.text) ?? .null }
        for (index, synthetic) in cases.enumerated() {
            var lookup = [UInt8](repeating: 0, count: 32)
            withUnsafeBytes(of: UInt64(index).bigEndian) { lookup.replaceSubrange(0..<8, with: $0) }
            lookup[31] = 0x5C
            let current = synthetic.transitions.last!
            try tables.execute(insertCase, [
                .text(synthetic.reference), .bytes(lookup), optional(synthetic.event), .text(synthetic.category), optional(synthetic.respondentRole),
                optional(synthetic.region), .text(synthetic.channel), .text(current.stage), millis(current.at), millis(synthetic.createdAt),
                optional(synthetic.gender), policy,
            ])
            for (sequence, transition) in synthetic.transitions.enumerated() {
                try tables.execute(insertTransition, [.text(synthetic.reference), .integer(Int64(sequence + 1)), .text(transition.stage), millis(transition.at)])
            }
        }
    }
}
