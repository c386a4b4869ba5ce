import GrievanceCrypto

/// What `init` made: the installation, its first administrator (unlocked), and the recovery
/// secret, which exists nowhere else and must be shown once and kept offline.
public struct NewInstallation: Sendable {
    public let installation: Installation
    public let admin: UnlockedPrincipal
    public let recoverySecret: SecureBytes
    public var recoveryPublicKey: BoxPublicKey
}
