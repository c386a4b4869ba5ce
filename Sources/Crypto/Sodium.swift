import CSodium

/// The one place libsodium is initialised.
///
/// Swift runs a static's initialiser exactly once, thread-safely, on first use, so every entry
/// point of this module calls `Sodium.ensureInitialised()` before touching libsodium. The call is
/// an ordinary branch, kept in optimised builds (an `assert` would be stripped).
enum Sodium {
    private static let initialised: Bool = sodium_init() >= 0

    @inline(__always)
    static func ensureInitialised() {
        guard initialised else {
            // No randomness source means no keys can be made safely: stop rather than go on.
            fatalError("libsodium could not be initialised (no usable random source)")
        }
    }
}
