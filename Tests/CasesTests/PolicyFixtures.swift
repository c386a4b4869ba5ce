import Cases
import CasesTesting
import Foundation

/// The shipped policy, read from the repository as the system reads it.
enum PolicyFixtures {
    static let defaultPolicyURL = CasesFixture.procedureURL
    static let defaultText = try! String(contentsOf: defaultPolicyURL, encoding: .utf8)
    static let defaultProcedure = try! ProcedureLoader.load(contentsOf: defaultPolicyURL)

    /// The 1-based line of the `occurrence`-th line of `text` that contains `needle`.
    static func line(of needle: String, in text: String = defaultText, occurrence: Int = 1) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.indices.filter { lines[$0].contains(needle) }[occurrence - 1] + 1
    }
}
