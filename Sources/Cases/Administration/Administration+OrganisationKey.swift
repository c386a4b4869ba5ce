import AuditLog
import Foundation
import GrievanceCrypto

/// The organisation key certifies administrators. Like the log key, nobody holds it in clear:
/// its secret half is sealed to each administrator and to the recovery key. A copy that opens
/// to any key but the one the opener pinned is refused, so replacing the stored key and its
/// sealed copies certifies nothing.
extension Administration {
    static let organisationKeyPublicSetting = "organisation-key.public"
    static func organisationKeySealSetting(_ recipient: String) -> String { "organisation-key.sealed.\(recipient)" }

    /// The organisation key's public half as this installation trusts it (pinned, or stored).
    public func organisationKey() throws -> OrganisationKey {
        try OrganisationKey(origin: ledger.certification.origin, publicKey: ledger.certification.organisationKey)
    }

    /// Opens the copy of the organisation key sealed to `recipient` (an administrator, or the
    /// recovery key), and checks it is the pinned one.
    func openOrganisationKey(sealedTo recipient: String, with keyPair: BoxKeyPair, repository: any CaseRepository) throws -> SigningKeyPair {
        guard let sealed = try repository.setting(Self.organisationKeySealSetting(recipient)),
              let key = try? SigningKeyPair(secretKey: SealedBox.openSecret(sealed, with: keyPair)),
              key.publicKey == ledger.certification.organisationKey
        else { throw CasesError.damaged("the organisation key sealed to \(recipient)") }
        return key
    }

    /// Seals the keys only administrators hold — the log key and the organisation key — to
    /// `recipient`'s `key` (a person's, or the one-time key a new administrator's code derives),
    /// from `actor`'s copies. Says which were given.
    func grantAdministratorKeys(to recipient: String, key targetKey: BoxPublicKey, by actor: UnlockedPrincipal,
                                repository: any CaseRepository) throws -> [AuditDetail] {
        var details = [AuditDetail("log-key", try grantLogKey(to: recipient, key: targetKey, by: actor, repository: repository) ? "granted" : "not-held")]
        if try repository.setting(Self.organisationKeySealSetting(actor.id)) != nil {
            let key = try openOrganisationKey(sealedTo: actor.id, with: actor.boxKeyPair, repository: repository)
            try repository.setSetting(Self.organisationKeySealSetting(recipient), SealedBox.seal(key.secretKey, to: targetKey))
            details.append(AuditDetail("organisation-key", "granted"))
        } else {
            details.append(AuditDetail("organisation-key", "not-held"))
        }
        return details
    }

    /// Deletes a person's copies of the administrators' keys.
    func withdrawAdministratorKeys(from id: String, repository: any CaseRepository) throws {
        try repository.deleteSetting(Self.logKeySealSetting(id))
        try repository.deleteSetting(Self.organisationKeySealSetting(id))
    }

    /// Everyone with an account, each with whether their certificate verifies, and everyone
    /// waiting to enrol; by id.
    public func people() throws -> [PersonListing] {
        try ledger.storage.read { repository in
            let stored = try repository.principals()
            let verdicts = ledger.certification.verdicts(stored)
            let enrolled = stored.map {
                PersonListing(principal: $0.principal, trust: verdicts[$0.principal.id] ?? .untrusted("unknown"), isEnrolled: true)
            }
            let waiting = try repository.enrolments().map { pending in
                PersonListing(principal: Principal(id: pending.id, name: pending.name, roles: pending.ticket?.roles ?? [], boxPublicKey: [],
                                                   signingPublicKey: [], isDisabled: false),
                              trust: .untrusted("has not enrolled yet"), isEnrolled: false)
            }
            return (enrolled + waiting).sorted { $0.principal.id < $1.principal.id }
        }
    }

    /// A certificate for `principal` as `actor` vouches for it: signed with the organisation key
    /// for an administrator, with the actor's own key for anyone else. The actor must be a
    /// trusted administrator.
    func certify(_ principal: Principal, after previous: [UInt8]?, purpose: CertificateLink.Purpose = .keys, by actor: UnlockedPrincipal,
                 repository: any CaseRepository) throws -> Certificate {
        let generation = (previous.flatMap(Certificate.init(serialized:))?.generation ?? 0) + 1
        let origin = ledger.certification.origin
        if principal.roles.contains(.admin) {
            guard try repository.setting(Self.organisationKeySealSetting(actor.id)) != nil else { throw CasesError(.noOrganisationKey(actor.id)) }
            let key = try openOrganisationKey(sealedTo: actor.id, with: actor.boxKeyPair, repository: repository)
            return Certificate(links: [CertificateLink.sign(principal, origin: origin, generation: generation, purpose: purpose, issuer: .organisation,
                                                            with: key)])
        }
        guard let stored = try repository.principal(id: actor.id) else { throw CasesError(.noSuchPerson(actor.id)) }
        let people = Certification.byID(try repository.principals())
        if case .untrusted(let why) = ledger.certification.verdict(of: stored, among: people) {
            throw CasesError.invalid(.person, .untrusted("you (\(actor.id)) \(why)"))
        }
        return Certificate(links: [CertificateLink.sign(principal, origin: origin, generation: generation, purpose: purpose,
                                                        issuer: .administrator(actor.id), with: actor.signingKeyPair)])
    }

    /// Certifies anew, as `actor`, everyone whose certificate `former` vouched for and who was
    /// trusted `before` the change: when an administrator leaves or stops administering, the
    /// people they added stay trusted only if someone who still administers vouches for them.
    /// Someone untrusted already stays so: their keys are not known to be theirs. Returns how many.
    func recertifyVouchedFor(by former: String, trustedBefore before: [String: Trust], actor: UnlockedPrincipal,
                             repository: any CaseRepository) throws -> Int {
        let people = try repository.principals()
        var count = 0
        for person in people where person.principal.id != former && before[person.principal.id] == .trusted {
            guard let bytes = person.certificate, let certificate = Certificate(serialized: bytes),
                  certificate.links.first?.issuer == .administrator(former)
            else { continue }
            try repository.updatePrincipal(person.with(certificate: try certify(person.principal, after: bytes, by: actor, repository: repository)))
            count += 1
        }
        return count
    }
}
