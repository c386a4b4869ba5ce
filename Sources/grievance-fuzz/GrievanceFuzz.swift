import AuditLog
import Cases
import Foundation
import FuzzingSupport

/// The harness for the parsers of files and texts people hand to this system — a procedure, a
/// signed checkpoint or note, a witness's or the log's key, an audit export, a receipt, a case
/// reference — run by libFuzzer (`scripts/fuzz`). Each must refuse what it cannot read with an
/// error of its own type, never crash or hang; what it accepts it must give back unchanged.
@main
enum GrievanceFuzz {
    static func main() {
        FuzzDriver.main([
            "procedure": { bytes in
                _ = try? ProcedureLoader.load(data: Data(bytes), file: "fuzz.yaml")
            },
            "note": { bytes in
                guard let note = try? SignedNote(parsing: text(bytes)) else { return }
                precondition((try? SignedNote(parsing: note.serialized)) == note, "a signed note reads back other than it was written")
            },
            "checkpoint": { bytes in
                _ = try? SignedCheckpoint(parsing: text(bytes))
            },
            "vkey": { bytes in
                guard let key = try? NoteVerifierKey(parsing: text(bytes)) else { return }
                precondition((try? NoteVerifierKey(parsing: key.description)) == key, "a key reads back other than it was written")
                _ = try? WitnessKey(parsing: key.description)
            },
            "audit-export": { bytes in
                // The first line is the log's key; the rest, the export, so that the fuzzer can
                // reach past the signature checks from a seed made by `grievance-cli audit export`.
                let lines = text(bytes).split(separator: "\n", omittingEmptySubsequences: false)
                guard let first = lines.first, let key = try? NoteVerifierKey(parsing: String(first)) else { return }
                _ = try? AuditExport.verify(lines: lines.dropFirst(), logKey: key)
            },
            "receipt": { bytes in
                guard let receipt = try? Receipt(parsing: text(bytes)) else { return }
                let again = try? Receipt(parsing: receipt.formatted)
                precondition(again.map(receipt.constantTimeEquals) == true, "a receipt reads back other than it was written")
            },
            "reference": { bytes in
                guard let reference = try? CaseReference(parsing: text(bytes)) else { return }
                precondition((try? CaseReference(parsing: reference.rawValue)) == reference, "a reference reads back other than it was written")
            },
        ])
    }

    /// Bytes as the text a file or an argument gives: invalid UTF-8 repaired, as `String` does.
    static func text(_ bytes: UnsafeRawBufferPointer) -> String { String(decoding: bytes, as: UTF8.self) }
}
