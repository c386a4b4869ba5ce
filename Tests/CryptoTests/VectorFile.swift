import Foundation
import GrievanceCrypto

/// Reads a vector file from `Vectors/`: `#` comments, then blocks of `key: value` lines separated
/// by blank lines. The format is plain so that another implementation can read the same files.
struct VectorFile {
    struct Vector {
        let fields: [String: String]

        var name: String { fields["name"] ?? "(unnamed)" }

        func text(_ key: String) -> String {
            guard let value = fields[key] else { fatalError("vector \(name) has no \(key)") }
            return value
        }

        func bytes(_ key: String) -> [UInt8] {
            guard let bytes = Hex.decode(text(key)) else { fatalError("vector \(name): \(key) is not hex") }
            return bytes
        }
    }

    static func load(_ fileName: String) throws -> [Vector] {
        guard let url = Bundle.module.url(forResource: fileName, withExtension: nil, subdirectory: "Vectors") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Vectors/\(fileName)"])
        }
        let text = try String(contentsOf: url, encoding: .utf8)
        var vectors: [Vector] = []
        var current: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") { continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !current.isEmpty { vectors.append(Vector(fields: current)) }
                current = [:]
                continue
            }
            let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0])
            let value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            current[key] = value
        }
        if !current.isEmpty { vectors.append(Vector(fields: current)) }
        return vectors
    }
}
