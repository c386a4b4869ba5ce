import CSodium

/// The cost of Argon2id (`crypto_pwhash_alg_argon2id13`), stored beside every key it wraps so that
/// it can be raised later without losing old keys.
public struct Argon2idParameters: Sendable, Hashable, CustomStringConvertible {
    /// Passes over memory.
    public let opsLimit: UInt64
    /// Memory used, in bytes.
    public let memLimit: UInt64

    /// libsodium's interactive limits: 2 passes over 64 MiB (about 60 ms here).
    public static let interactive = try! Argon2idParameters(
        opsLimit: UInt64(crypto_pwhash_argon2id_opslimit_interactive()),
        memLimit: UInt64(crypto_pwhash_argon2id_memlimit_interactive()))
    /// libsodium's moderate limits: 3 passes over 256 MiB (about half a second here). The default
    /// for wrapping a person's keys, which are unwrapped once per command.
    public static let moderate = try! Argon2idParameters(
        opsLimit: UInt64(crypto_pwhash_argon2id_opslimit_moderate()),
        memLimit: UInt64(crypto_pwhash_argon2id_memlimit_moderate()))

    /// The floor: nothing weaker than the interactive limits is accepted, from a caller or from disk.
    public static let minimum = interactive
    /// The ceiling: parameters read from disk above this are refused rather than allowed to
    /// exhaust the machine.
    public static let maximum = (opsLimit: UInt64(16), memLimit: UInt64(4) << 30)

    public init(opsLimit: UInt64, memLimit: UInt64) throws(CryptoError) {
        let floor = (ops: UInt64(crypto_pwhash_argon2id_opslimit_interactive()),
                     mem: UInt64(crypto_pwhash_argon2id_memlimit_interactive()))
        guard (floor.ops...Self.maximum.opsLimit).contains(opsLimit) else {
            throw .invalidParameters("Argon2id passes \(opsLimit) outside \(floor.ops)...\(Self.maximum.opsLimit)")
        }
        guard (floor.mem...Self.maximum.memLimit).contains(memLimit) else {
            throw .invalidParameters("Argon2id memory \(memLimit) bytes outside \(floor.mem)...\(Self.maximum.memLimit)")
        }
        self.opsLimit = opsLimit
        self.memLimit = memLimit
    }

    public var description: String { "Argon2id(passes: \(opsLimit), memory: \(memLimit >> 20) MiB)" }
}
