/// What `init` made: the installation, its first administrator (unlocked), the recovery key,
/// which exists nowhere else and must be shown once or written to one file, and kept offline,
/// and the organisation key's public half, to pin outside the data directory.
public struct NewInstallation: Sendable {
    public let installation: Installation
    public let admin: UnlockedPrincipal
    public let recoveryKey: RecoveryKey
    public let organisationKey: OrganisationKey
}
