@testable import Cases
import Foundation
import GrievanceCrypto
import Testing

@Suite("PostgreSQL's migrations are frozen once shipped")
struct PostgresSchemaTests {
    /// Each shipped migration's BLAKE2b-256. A database migrated by one version must mean the
    /// same tables to every later one: change the schema by adding a migration, never by editing
    /// one (and never this list, except to add a line for a new migration).
    static let shipped: [(id: String, blake2b: String)] = [
        ("postgres-v1", "59f36c205fd9cc525cfba38552d6a3d9f0a03e9c8b6b782d30b1f3275dfc7388"),
    ]

    @Test("every shipped migration's text is what it was; new ones come after")
    func frozen() {
        let migrations = PostgresSchema.migrations
        #expect(migrations.count >= Self.shipped.count)
        for (index, shipped) in Self.shipped.enumerated() {
            #expect(migrations[index].id == shipped.id)
            #expect(BLAKE2b.hash(Array(migrations[index].sql.utf8)).hex == shipped.blake2b,
                    "\(shipped.id) was edited after it shipped: add a new migration instead")
        }
        #expect(Set(migrations.map(\.id)).count == migrations.count, "two migrations share an id")
    }

    @Test("a script splits into its statements: semicolons in a function's body and in comments do not split")
    func splitting() throws {
        let statements = PostgresSession.statements(of: """
            -- a comment; with a semicolon
            CREATE TABLE t (x INTEGER);
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'no; never';
            END
            $$;
            CREATE TRIGGER t_f BEFORE DELETE ON t FOR EACH STATEMENT EXECUTE FUNCTION f();
            """)
        #expect(statements.count == 3)
        #expect(statements[1].contains("RAISE EXCEPTION 'no; never';"))
        #expect(!statements.joined().contains("a comment"))
    }
}
