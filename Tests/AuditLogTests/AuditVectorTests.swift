import AuditLog
import Foundation
import Testing

@Suite("Export test vectors, checked by the Swift and the Python verifier")
struct AuditVectorTests {
    static let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")
    static var bundledDirectory: URL { Bundle.module.resourceURL!.appendingPathComponent("Vectors") }

    /// Header fields and export lines of a vector file.
    static func parse(_ text: String) -> (fields: [String: [String]], lines: [Substring]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var fields: [String: [String]] = [:]
        while let first = lines.first, !first.isEmpty {
            lines.removeFirst()
            guard !first.hasPrefix("#") else { continue }
            let parts = first.split(separator: ":", maxSplits: 1)
            fields[String(parts[0]), default: []].append(parts[1].trimmingCharacters(in: .whitespaces))
        }
        lines.removeFirst()
        if lines.last == "" { lines.removeLast() }
        return (fields, lines)
    }

    @Test("the committed vectors are exactly what the generator writes")
    func reproducible() throws {
        let vectors = AuditVectors.all()
        if ProcessInfo.processInfo.environment["GRIEVANCE_REGENERATE_VECTORS"] == "1" {
            for vector in vectors {
                try vector.text.write(to: Self.sourceDirectory.appendingPathComponent("\(vector.name).txt"), atomically: true, encoding: .utf8)
            }
        }
        let committed = try FileManager.default.contentsOfDirectory(atPath: Self.sourceDirectory.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(committed) == Set(vectors.map { "\($0.name).txt" }))
        for vector in vectors {
            let text = try String(contentsOf: Self.sourceDirectory.appendingPathComponent("\(vector.name).txt"), encoding: .utf8)
            #expect(text == vector.text, "\(vector.name) differs from the generator: rerun with GRIEVANCE_REGENERATE_VECTORS=1 and review")
        }
    }

    @Test("the Swift verifier reaches each vector's expected result")
    func swiftVerifier() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.bundledDirectory.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count >= 10)
        for file in files {
            let (fields, lines) = Self.parse(try String(contentsOf: Self.bundledDirectory.appendingPathComponent(file), encoding: .utf8))
            let logKey = try NoteVerifierKey(parsing: fields["log-key"]![0])
            let witnesses = try (fields["witness-key"] ?? []).map { try NoteVerifierKey(parsing: $0) }
            let report = try AuditExport.verify(lines: lines, logKey: logKey, witnessKeys: witnesses)
            #expect(report.summary == fields["expect"]![0], "\(file)")
        }
    }

    @Test("the Python verifier (standard library only) reaches the same results")
    func pythonVerifier() throws {
        let (status, output) = try PythonVerifier.run(["--vectors", Self.bundledDirectory.path])
        #expect(status == 0, "\(output)")
        #expect(output.contains("\(AuditVectors.all().count) passed, 0 failed"), "\(output)")
    }
}
