import GrievanceCrypto

/// A principal as storage holds it, wrapped secrets included.
package struct StoredPrincipal: Sendable, Hashable {
    package let principal: Principal
    package let wrappedBoxSecret: WrappedSecret
    package let wrappedSigningSecret: WrappedSecret
    /// The certificate chain (`Certificate`), as stored; nil for a row nobody certified.
    package let certificate: [UInt8]?
}

extension StoredPrincipal {
    /// The same wrapped keys, for `principal` changed in its roles or its disabled flag, under
    /// a new certificate.
    func with(principal: Principal, certificate: Certificate) -> StoredPrincipal {
        StoredPrincipal(principal: principal, wrappedBoxSecret: wrappedBoxSecret, wrappedSigningSecret: wrappedSigningSecret,
                        certificate: certificate.serialized)
    }

    func with(certificate: Certificate) -> StoredPrincipal { with(principal: principal, certificate: certificate) }
}
