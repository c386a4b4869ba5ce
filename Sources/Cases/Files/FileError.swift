/// Why a file Cases reads or writes for a person (an export, the recovery key) could not be.
public struct FileError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: Hashable, Sendable {
        /// Files are written new, never over another.
        case exists
        case cannotCreate(String)
        case cannotWrite(String)
        case cannotRead(String)
        /// Not the kind of file expected; says what it should have been.
        case unrecognised(expected: String)
        /// The right kind of file, but its parts disagree or do not decrypt.
        case damaged(String)
    }

    public let path: String
    public let code: Code

    public init(path: String, code: Code) {
        self.path = path
        self.code = code
    }

    public var description: String {
        switch code {
        case .exists: "\(path) already exists"
        case .cannotCreate(let reason): "cannot create \(path): \(reason)"
        case .cannotWrite(let reason): "cannot write \(path): \(reason)"
        case .cannotRead(let reason): "cannot read \(path): \(reason)"
        case .unrecognised(let expected): "\(path) is not \(expected)"
        case .damaged(let problem): "\(path) is damaged: \(problem)"
        }
    }
}
