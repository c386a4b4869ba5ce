/// A storage whose tables tests may reach by raw SQL (`RawTables`). Kept apart from
/// `CaseStorage`, so an engine's interface to the rules carries no door for tests.
package protocol RawTableAccess {
    /// Runs `body` in one transaction of its own connection, committed if it returns: a reading
    /// one unless `writing`. A writing one takes no lock of Grievance's, as an outsider would not.
    func withRawTables<T>(writing: Bool, _ body: (any RawTables) throws -> T) throws -> T
}
