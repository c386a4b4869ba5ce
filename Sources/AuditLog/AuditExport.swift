import Foundation
import GRDB
import GrievanceCrypto

/// The export: a text file a third party can verify offline with the log's public key alone
/// (docs/AUDIT-FORMAT.md). Checkpoints come first so a reader can check roots as it streams:
///
///     grievance-audit-export/v1
///     origin <origin>
///     checkpoint <base64 of the signed note, cosignatures included>   (zero or more)
///     entry <base64 of the canonical entry>                          (in sequence order)
public enum AuditExport {
    public static let header = "grievance-audit-export/v1"

    /// Writes the whole log, one line at a time, through `write`; returns the number of entries.
    @discardableResult
    public static func write(
        _ store: AuditLogStore, in db: Database, progress: (UInt64) -> Void = { _ in }, to write: (String) throws -> Void
    ) throws -> UInt64 {
        try self.write(store, in: SQLiteAuditTables(db), progress: progress, to: write)
    }

    /// The same over any engine's tables.
    @discardableResult
    public static func write(
        _ store: AuditLogStore, in tables: some AuditTables, progress: (UInt64) -> Void = { _ in }, to write: (String) throws -> Void
    ) throws -> UInt64 {
        try write(headerLines(origin: store.origin))
        for note in try store.checkpoints(in: tables) { try write(checkpointLine(note)) }
        var count: UInt64 = 0
        let rows = try tables.entryRows()
        while try rows.step() {
            try write(entryLine(rows.blob(1)))
            count += 1
            if count % 65536 == 0 { progress(count) }
        }
        progress(count)
        return count
    }

    public static func headerLines(origin: String) -> String { "\(header)\norigin \(origin)\n" }

    public static func checkpointLine(_ note: SignedNote) -> String {
        "checkpoint \(Base64.encode(Array(note.serialized.utf8)))\n"
    }

    public static func entryLine(_ encoded: some Sequence<UInt8>) -> String { "entry \(Base64.encode(encoded))\n" }

    /// Verifies an export given as lines, streaming: memory stays flat however long the log.
    /// `held` are checkpoints kept apart from the export (by the committee, a witness).
    public static func verify(
        lines: some Sequence<Substring>, logKey: NoteVerifierKey, witnessKeys: [NoteVerifierKey] = [],
        held: [SignedNote] = [], progress: (UInt64) -> Void = { _ in }
    ) throws(AuditLogError) -> AuditVerificationReport {
        var iterator = lines.makeIterator()
        var lineNumber = 0
        func next() -> Substring? {
            lineNumber += 1
            return iterator.next()
        }
        guard next() == Substring(header) else { throw .malformedExport(line: 1, "not a \(header) file") }
        guard let originLine = next(), originLine.hasPrefix("origin "), originLine.dropFirst(7) == Substring(logKey.name) else {
            throw .malformedExport(line: 2, "the origin line does not name the log \(logKey.name)")
        }
        var checkpoints: [SignedNote] = []
        var line = next()
        while let current = line, current.hasPrefix("checkpoint ") {
            guard let bytes = Base64.decode(current.dropFirst(11)), let text = String(validating: bytes, as: UTF8.self) else {
                throw .malformedExport(line: lineNumber, "checkpoint is not base64 of UTF-8 text")
            }
            do {
                checkpoints.append(try SignedNote(parsing: text))
            } catch {
                throw .malformedExport(line: lineNumber, "\(error)")
            }
            line = next()
        }
        var verifier = AuditLogVerifier(logKey: logKey, witnessKeys: witnessKeys, signedCheckpoints: checkpoints + held)
        while let current = line, verifier.failure == nil {
            guard current.hasPrefix("entry "), let bytes = Base64.decode(current.dropFirst(6)) else {
                throw .malformedExport(line: lineNumber, "expected an entry line")
            }
            // An export keeps no position beside the entry: the number it carries stands in,
            // so a missing entry shows as a gap where it was.
            let position = bytes.count >= 9 ? bytes[1..<9].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } : verifier.entriesChecked
            bytes.withUnsafeBytes { _ = verifier.check(position: position, encoded: $0) }
            if verifier.entriesChecked % 65536 == 0 { progress(verifier.entriesChecked) }
            line = next()
        }
        progress(verifier.entriesChecked)
        return verifier.finish()
    }
}
