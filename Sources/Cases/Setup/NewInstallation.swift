/// What `init` made: the installation, its first administrator (unlocked), and the recovery
/// key, which exists nowhere else and must be shown once or written to one file, and kept
/// offline.
public struct NewInstallation: Sendable {
    public let installation: Installation
    public let admin: UnlockedPrincipal
    public let recoveryKey: RecoveryKey
}
