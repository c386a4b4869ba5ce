import GrievanceCrypto

/// A principal as storage holds it, wrapped secrets included.
package struct StoredPrincipal: Sendable, Hashable {
    package let principal: Principal
    package let wrappedBoxSecret: WrappedSecret
    package let wrappedSigningSecret: WrappedSecret
}

extension StoredPrincipal {
    /// The same wrapped keys, for `principal` changed in its roles or its disabled flag.
    func with(principal: Principal) -> StoredPrincipal {
        StoredPrincipal(principal: principal, wrappedBoxSecret: wrappedBoxSecret, wrappedSigningSecret: wrappedSigningSecret)
    }
}
