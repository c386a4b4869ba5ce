/// A mistake in a policy file, located: `file:line:column: problem`, as compilers say it, so an
/// editor can jump to it.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let problem: String

    public init(file: String, line: Int, column: Int, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
    }

    public var description: String { "\(file):\(line):\(column): \(problem)" }
}
