import Foundation

/// The door a timer uses: what is due, per person, from clear metadata alone. It needs nobody's
/// passphrase and opens no case key — whoever can read the data directory can read the same
/// metadata from the database file, so asking who they are would protect nothing and would stop
/// a timer — and it writes nothing.
public struct Reminders: Sendable {
    let ledger: Ledger

    public var procedure: Procedure { ledger.procedure }

    /// What is due within `horizon`, overdue or pressing, for everyone whose certificate verifies.
    public func report(within horizon: ReminderHorizon = .standard) throws -> ReminderReport {
        let now = ledger.clock()
        let closed = ledger.procedure.stages.filter(\.isTerminal).map(\.id)
        return try ledger.storage.read { repository in
            // Only people the organisation key vouches for are reminded: a row someone wrote into
            // the database receives nothing, and the case they "hold" shows as unattended.
            let trusted = ledger.certification.sort(try repository.principals()).trusted
            return ledger.procedure.reminders(for: try repository.heldCases(outside: closed), people: trusted, now: now, horizon: horizon)
        }
    }
}
