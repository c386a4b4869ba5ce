import Cases
import GRDB

/// Lets tests name a case in raw SQL as they name it everywhere else. Cases itself never leaks
/// its storage engine into its types; this conformance lives here, for tests, alone.
extension CaseReference: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { rawValue.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> CaseReference? {
        String.fromDatabaseValue(dbValue).flatMap { try? CaseReference(parsing: $0) }
    }
}
