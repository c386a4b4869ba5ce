/// A failure of a cryptographic operation, with a message meant for people.
///
/// A struct over a private code, so new codes can be added without breaking callers, who compare
/// against the static members (`error == .authenticationFailed`). Messages never contain key
/// material, plaintext or ciphertext.
public struct CryptoError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case authenticationFailed
        case wrongPassphrase
        case badKeyLength(expected: Int, actual: Int)
        case badLength(what: String, expected: Int, actual: Int)
        case malformed(what: String)
        case invalidParameters(what: String)
        case streamTruncated
        case streamFinished
        case outOfSecureMemory
        case operationFailed(what: String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// A ciphertext, tag, nonce, signature or associated data was altered, or the wrong key was used.
    public static let authenticationFailed = CryptoError(.authenticationFailed)
    /// The passphrase does not unwrap this key.
    public static let wrongPassphrase = CryptoError(.wrongPassphrase)
    /// A secretstream ended before its final chunk: something was cut off.
    public static let streamTruncated = CryptoError(.streamTruncated)
    /// A secretstream was used after its final chunk.
    public static let streamFinished = CryptoError(.streamFinished)
    /// `sodium_malloc` could not provide guarded memory.
    public static let outOfSecureMemory = CryptoError(.outOfSecureMemory)

    public static func badKeyLength(expected: Int, actual: Int) -> CryptoError {
        CryptoError(.badKeyLength(expected: expected, actual: actual))
    }

    public static func badLength(_ what: String, expected: Int, actual: Int) -> CryptoError {
        CryptoError(.badLength(what: what, expected: expected, actual: actual))
    }

    public static func malformed(_ what: String) -> CryptoError { CryptoError(.malformed(what: what)) }

    public static func invalidParameters(_ what: String) -> CryptoError {
        CryptoError(.invalidParameters(what: what))
    }

    public static func operationFailed(_ what: String) -> CryptoError {
        CryptoError(.operationFailed(what: what))
    }

    public var description: String {
        switch code {
        case .authenticationFailed:
            "the data could not be authenticated: it was altered, or the key is not the right one"
        case .wrongPassphrase:
            "wrong passphrase"
        case .badKeyLength(let expected, let actual):
            "bad key length: expected \(expected) bytes, got \(actual)"
        case .badLength(let what, let expected, let actual):
            "bad \(what) length: expected \(expected) bytes, got \(actual)"
        case .malformed(let what):
            "malformed \(what)"
        case .invalidParameters(let what):
            "invalid parameters: \(what)"
        case .streamTruncated:
            "the encrypted stream ends before its final chunk: it was truncated"
        case .streamFinished:
            "the encrypted stream already ended with its final chunk"
        case .outOfSecureMemory:
            "out of guarded memory for secrets (sodium_malloc failed)"
        case .operationFailed(let what):
            "\(what) failed"
        }
    }
}
