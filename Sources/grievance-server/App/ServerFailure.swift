import ArgumentParser

/// A reason the server cannot start, said in one line with what to do about it.
struct ServerFailure: Error, CustomStringConvertible {
    let message: String
    let hint: String

    var description: String { "\(message)\nhint: \(hint)" }
}
