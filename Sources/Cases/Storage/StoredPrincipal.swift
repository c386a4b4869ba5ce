import GrievanceCrypto

/// A principal as storage holds it, wrapped secrets included.
public struct StoredPrincipal: Sendable, Hashable {
    public let principal: Principal
    public let wrappedBoxSecret: WrappedSecret
    public let wrappedSigningSecret: WrappedSecret
}
