import Foundation
import GrievanceCrypto
import Yams

/// Reads a procedure file and refuses it, with file, line and problem, unless every rule holds:
/// known keys only, stages and categories unique, transitions between known stages, every stage
/// reachable, no dead ends, one stage for the appeals panel, and — asked of the access rule
/// itself — every category routed to roles that can read it and every transition taken by roles
/// that can work the case where it starts.
public enum ProcedureLoader {
    public static func load(contentsOf url: URL) throws -> Procedure {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PolicyError(file: url.lastPathComponent, line: 1, column: 1, problem: "cannot be read: \(error.localizedDescription)")
        }
        return try load(data: data, file: url.lastPathComponent)
    }

    public static func load(data: Data, file: String) throws(PolicyError) -> Procedure {
        let reader = PolicyReader(file: file)
        guard let text = String(data: data, encoding: .utf8) else { throw reader.error(nil, "is not UTF-8 text") }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw reader.error(nil, "is empty") }
            root = node
        } catch let error as PolicyError {
            throw error
        } catch let error as YamlError {
            throw Self.located(error, file: file)
        } catch {
            throw reader.error(nil, "is not valid YAML: \(error)")
        }
        return try build(root, reader: reader, hash: SHA256.hash([UInt8](data)))
    }

    private static func build(_ root: Node, reader: PolicyReader, hash: Digest) throws(PolicyError) -> Procedure {
        let top = try reader.mapping(
            root, "the procedure",
            allowed: ["version", "name", "stages", "transitions", "feedback", "categories", "retention", "summary"],
            required: ["version", "name", "stages", "transitions", "categories", "retention"])
        let version = try reader.integer(top["version"]!.value, "version", in: 1...1000)
        guard (1...2).contains(version) else {
            throw reader.error(top["version"]!.value, "this system reads versions 1 and 2 of the procedure format")
        }
        let name = try reader.string(top["name"]!.value, "name")
        let stages = try StageList(top["stages"]!.value, reader: reader, version: version)
        let transitions = try stages.transitions(top["transitions"]!.value, reader: reader)
        let feedback = try top["feedback"].map { (entry) throws(PolicyError) in try stages.feedback(entry.value, reader: reader) }
        let categories = try stages.categories(top["categories"]!.value, reader: reader)
        let retention = try stages.retention(top["retention"]!.value, categories: categories, transitions: transitions, reader: reader)
        var threshold = 5
        if let entry = top["summary"] {
            let fields = try reader.mapping(entry.value, "summary", allowed: ["suppression-threshold"])
            if let value = fields["suppression-threshold"] { threshold = try reader.integer(value.value, "suppression-threshold", in: 2...100) }
        }
        return Procedure(
            name: name, stages: stages.stages, transitions: transitions, categories: categories, feedback: feedback,
            retention: retention,
            suppressionThreshold: threshold, hash: hash)
    }

    private static func located(_ error: YamlError, file: String) -> PolicyError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            PolicyError(file: file, line: mark.line, column: mark.column, problem: "not valid YAML: \(problem)")
        default:
            PolicyError(file: file, line: 1, column: 1, problem: "not valid YAML: \(error)")
        }
    }
}
