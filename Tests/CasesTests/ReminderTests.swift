import Cases
import CasesTesting
import Foundation
import Testing

/// Reminders worked out again here by hand, from the procedure's numbers as the default file
/// writes them, for a seeded population of cases at every stage and clock position.
@Suite("Reminders: what is due, per person, from clear metadata")
struct ReminderTests {
    /// `policies/grievance-procedure.yaml`, read by a person: how long a case may stay in each stage.
    static let stageDays = ["received": 7, "acknowledged": 14, "assessment": 30, "informal-resolution": 60, "investigation": 60,
                            "decision": 30, "appeal": 30]
    static let safeguarding: Set = ["safeguarding-child", "safeguarding-adult"]
    static let forLeadAlso: Set = ["violence", "threats"]
    static let categories = ["harassment", "sexual-harassment", "discrimination", "bullying", "violence", "threats", "safeguarding-child",
                             "safeguarding-adult", "conduct-breach", "misuse-of-funds", "other"]

    /// What the test knows of a case it made: everything needed to say, by hand, what is due.
    struct Made {
        let reference: CaseReference
        let category: String
        let urgent: Bool
        var history: [(stage: String, at: Date)]
        var assignedToIvan = false
        var excludesSofia = false

        var stage: String { history.last!.stage }

        /// Who may work it, by the routing the procedure file declares.
        var workers: [String: Reminder.Relation] {
            if stage == "closed" { return [:] }
            var people: [String: Reminder.Relation] = [:]
            if !ReminderTests.safeguarding.contains(category) { people["amina"] = .holder; people["bruno"] = .holder }
            if (ReminderTests.safeguarding.contains(category) || ReminderTests.forLeadAlso.contains(category) || urgent) && !excludesSofia {
                people["sofia"] = .holder
            }
            if assignedToIvan { people["ivan"] = .assigned }
            if stage == "appeal" { people["ana"] = .holder }
            return people
        }
    }

    struct Line: Hashable, CustomStringConvertible {
        let person: String
        let reference: String
        let what: String
        let due: Date
        let overdue: Bool
        let relation: String
        let pressing: Bool

        var description: String { "\(person) \(reference) \(what) \(due) overdue=\(overdue) \(relation) pressing=\(pressing)" }
    }

    /// The lines a person should see, computed from the made cases alone.
    static func expected(_ made: [Made], now: Date, horizonHours: Int) -> Set<Line> {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        var lines: Set<Line> = []
        for m in made where m.stage != "closed" {
            let entered = m.history.last!.at
            var items: [(what: String, due: Date, pressing: Bool)] = []
            let hours = m.stage == "received" && safeguarding.contains(m.category) ? 24 : stageDays[m.stage]! * 24
            let urgentFirst = m.urgent && m.stage == "received"
            items.append(("leave \(m.stage)", entered.addingTimeInterval(Double(hours) * 3600), hours <= 24 || urgentFirst))
            // Feedback: three calendar months after the acknowledgement, until a decision.
            if let acknowledged = m.history.first(where: { $0.stage == "acknowledged" }),
               !m.history.contains(where: { ["decision", "appeal", "closed"].contains($0.stage) }) {
                items.append(("feedback to the reporter", utc.date(byAdding: .month, value: 3, to: acknowledged.at)!, urgentFirst))
            }
            let shown = items.filter { $0.due < now || $0.due <= now.addingTimeInterval(Double(horizonHours) * 3600) || $0.pressing }
            let workers = m.workers.isEmpty ? ["admin": Reminder.Relation.unattended] : m.workers
            for item in shown {
                for (person, relation) in workers {
                    lines.insert(Line(person: person, reference: m.reference.rawValue, what: item.what, due: item.due, overdue: item.due < now,
                                      relation: relation.rawValue, pressing: item.pressing))
                }
            }
        }
        return lines
    }

    static func lines(_ report: ReminderReport) -> Set<Line> {
        Set(report.people.flatMap { person in
            person.reminders.map {
                Line(person: person.person, reference: $0.reference.rawValue, what: "\($0.item.kind)", due: $0.item.due, overdue: $0.item.isOverdue,
                     relation: $0.relation.rawValue, pressing: $0.isPressing)
            }
        })
    }

    static func file(_ f: CasesFixture, _ category: String, urgent: Bool = false, exclude: [String] = []) throws -> CaseReference {
        var intake = CasesFixture.intake(category, marker: "REMINDER-MARKER", exclude: exclude)
        intake.urgent = urgent
        return try f.intake.file(intake).reference
    }

    /// Files a seeded population — every category, urgent or not, walked a random way through the
    /// procedure with the clock moving between every step — then the cases that test the edges:
    /// a safeguarding case past its 24 hours, one within them, an urgent one, one nobody may work,
    /// and one not yet due.
    static func population(_ f: CasesFixture, seed: UInt64) throws -> [Made] {
        var random = SeededRandom(seed: seed)
        var made: [Made] = []
        let paths = [["acknowledged", "assessment", "investigation", "decision", "appeal", "closed"],
                     ["acknowledged", "assessment", "informal-resolution", "closed"],
                     ["acknowledged", "assessment", "investigation", "decision", "closed"], ["acknowledged", "assessment", "closed"]]
        for _ in 0..<40 {
            f.clock.advance(hours: Int.random(in: 0...96, using: &random))
            let category = categories.randomElement(using: &random)!
            let urgent = Int.random(in: 0..<6, using: &random) == 0
            var m = Made(reference: try file(f, category, urgent: urgent), category: category, urgent: urgent, history: [("received", f.clock.now)])
            let handler = safeguarding.contains(category) ? "sofia" : "amina"
            let path = paths.randomElement(using: &random)!
            for next in path.prefix(Int.random(in: 0...path.count, using: &random)) {
                f.clock.advance(hours: Int.random(in: 0...36, using: &random))
                if next == "closed" && m.stage == "appeal" {
                    _ = try f.casework.advance(m.reference, to: next, reason: "The panel upholds the decision.", by: f["ana"])
                } else {
                    _ = try f.casework.advance(m.reference, to: next, reason: "Moving on.", by: f[handler])
                }
                m.history.append((next, f.clock.now))
                if next == "investigation", Bool.random(using: &random) {
                    try f.casework.assign(m.reference, to: "ivan", by: f[handler])
                    m.assignedToIvan = true
                }
            }
            made.append(m)
        }
        // The edges, at known distances from the end.
        f.clock.advance(hours: 48)
        made.append(Made(reference: try file(f, "safeguarding-child"), category: "safeguarding-child", urgent: false, history: [("received", f.clock.now)]))
        f.clock.advance(hours: 20)
        var unattended = Made(reference: try file(f, "safeguarding-adult", exclude: ["sofia"]), category: "safeguarding-adult", urgent: false,
                              history: [("received", f.clock.now)])
        unattended.excludesSofia = true
        made.append(unattended)
        f.clock.advance(hours: 7)
        made.append(Made(reference: try file(f, "safeguarding-adult"), category: "safeguarding-adult", urgent: false, history: [("received", f.clock.now)]))
        f.clock.advance(hours: 1)
        made.append(Made(reference: try file(f, "harassment", urgent: true), category: "harassment", urgent: true, history: [("received", f.clock.now)]))
        f.clock.advance(hours: 1)
        made.append(Made(reference: try file(f, "bullying"), category: "bullying", urgent: false, history: [("received", f.clock.now)]))
        f.clock.advance(hours: 1)
        return made
    }

    @Test("for a seeded population, each person's reminders are the deadlines worked out by hand, and only cases their list shows",
          arguments: [UInt64(2027), 0x5EED])
    func matchesHandComputed(seed: UInt64) throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let made = try Self.population(f, seed: seed)
        let now = f.clock.now
        for hours in [72, 1, 24 * 30] {
            let report = try f.installation.reminders.report(within: try ReminderHorizon(hours: hours))
            let expected = Self.expected(made, now: now, horizonHours: hours)
            let got = Self.lines(report)
            #expect(expected.count >= (hours == 1 ? 10 : 30), "horizon \(hours) h: the population leaves too little to compare (\(expected.count))")
            #expect(got == expected, "horizon \(hours) h: missing \(expected.subtracting(got).sorted { $0.description < $1.description }), unexpected \(got.subtracting(expected).sorted { $0.description < $1.description })")
            #expect(report.madeAt == now)
            for person in report.people {
                #expect(person.reminders.map(\.item.due) == person.reminders.map(\.item.due).sorted(), "\(person.person)'s reminders are soonest first")
                guard person.person != "admin" else { continue }
                let listed = Set(try f.casework.list(for: f[person.person]).map(\.summary.reference))
                #expect(Set(person.reminders.map(\.reference)).isSubset(of: listed), "\(person.person) is reminded of a case their list does not show")
            }
        }
        // The edges, said outright.
        let report = try f.installation.reminders.report()
        let sofia = try #require(report.people.first { $0.person == "sofia" })
        let overdueRiskAssessment = made[made.count - 5], pendingRiskAssessment = made[made.count - 3]
        let late = try #require(sofia.reminders.first { $0.reference == overdueRiskAssessment.reference })
        #expect(late.item.isOverdue && late.isPressing && late.item.due == overdueRiskAssessment.history[0].at.addingTimeInterval(86_400))
        let soon = try #require(sofia.reminders.first { $0.reference == pendingRiskAssessment.reference })
        #expect(!soon.item.isOverdue && soon.isPressing && soon.item.due == now.addingTimeInterval(21 * 3600))
        #expect(report.unattended.map(\.reference) == [made[made.count - 4].reference])
        #expect(report.people.first { $0.person == "admin" }?.reminders.map(\.relation) == [.unattended])
        #expect(!Self.lines(report).contains { $0.reference == made[made.count - 1].reference.rawValue }, "a case due in a week is not shown within 3 days")
        #expect(Self.lines(report).contains { $0.reference == made[made.count - 2].reference.rawValue && $0.pressing }, "an urgent case just filed is shown")
        #expect(Set(made.map(\.stage)).count >= 4 && made.contains(where: \.assignedToIvan), "the population reaches many kinds of case")
    }

    @Test("horizons are read as a person writes them, and refused outside an hour to 90 days")
    func horizons() throws {
        #expect(try ReminderHorizon(parsing: "36h").hours == 36)
        #expect(try ReminderHorizon(parsing: "3d").hours == 72)
        #expect(try ReminderHorizon(parsing: "1w").hours == 168)
        #expect(try ReminderHorizon(parsing: "2 days").hours == 48)
        #expect(ReminderHorizon.standard.hours == 72)
        #expect(ReminderHorizon.standard.description == "3 days")
        for bad in ["", "0h", "91d", "3 months", "soon", "-1d", "d"] {
            #expect(throws: CasesError.self, "\(bad)") { try ReminderHorizon(parsing: bad) }
        }
    }

    @Test("a new urgent or safeguarding case is announced at once to the safeguarding lead who holds it, with no word of its content")
    func announcements() throws {
        let f = try CasesFixture()
        defer { f.remove() }
        let marker = "ANNOUNCE-\(UUID().uuidString)"
        func filed(_ category: String, urgent: Bool = false, exclude: [String] = []) throws -> FiledCase {
            var intake = CasesFixture.intake(category, marker: marker, exclude: exclude)
            intake.urgent = urgent
            intake.content.occurred = "\(marker)-occurred"
            intake.content.location = "\(marker)-location"
            intake.content.witnesses = "\(marker)-witnesses"
            return try f.intake.file(intake)
        }
        #expect(try filed("harassment").announcements.isEmpty)
        let urgent = try filed("harassment", urgent: true)
        #expect(urgent.announcements.map(\.recipient) == ["sofia"])
        #expect(try filed("violence").announcements.map(\.recipient) == ["sofia"])
        let child = try filed("safeguarding-child")
        #expect(child.announcements.map(\.recipient) == ["sofia"])
        let line = try #require(child.announcements.first?.reminders.first)
        #expect(line.reference == child.reference && "\(line.item.kind)" == "leave received" && line.isPressing)
        #expect(line.item.due == f.clock.now.addingTimeInterval(86_400))
        // The lead kept away: the handlers who hold it are told; with nobody holding it, the administrators.
        #expect(try filed("threats", exclude: ["sofia"]).announcements.map(\.recipient) == ["amina", "bruno"])
        let nobody = try filed("safeguarding-adult", exclude: ["sofia"])
        #expect(nobody.announcements.map(\.recipient) == ["admin"])
        #expect(nobody.announcements.first?.reminders.first?.relation == .unattended)
        for notification in urgent.announcements + child.announcements + nobody.announcements {
            for format in NotificationFormat.allCases {
                let message = String(decoding: notification.message(format: format), as: UTF8.self)
                #expect(!message.contains(marker), "\(format) message carries the complaint's words")
                #expect(message.contains(notification.recipient))
            }
            let mail = String(decoding: notification.message(format: .mail), as: UTF8.self)
            #expect(mail.hasPrefix("To: \(notification.recipient)\nSubject: Grievance: new "))
            #expect(mail.contains("grievance-cli case show \(notification.reminders[0].reference)"))
        }
    }
}
