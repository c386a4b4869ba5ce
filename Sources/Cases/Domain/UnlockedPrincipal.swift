import GrievanceCrypto

/// A principal whose passphrase was given: their secret keys, in guarded memory, for as long as
/// this value lives.
public struct UnlockedPrincipal: Sendable {
    public let principal: Principal
    let boxKeyPair: BoxKeyPair
    let signingKeyPair: SigningKeyPair

    init(principal: Principal, boxKeyPair: BoxKeyPair, signingKeyPair: SigningKeyPair) {
        self.principal = principal
        self.boxKeyPair = boxKeyPair
        self.signingKeyPair = signingKeyPair
    }

    public var id: String { principal.id }
}
