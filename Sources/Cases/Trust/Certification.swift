import GrievanceCrypto

/// Whose keys may be trusted: the one rule that decides whether a person's certificate chain
/// verifies up to the organisation key. Nothing is sealed to a person it does not trust, so
/// whoever can write the database — add a row, swap a key, give someone a role — gains nothing.
struct Certification: Sendable {
    /// The log's origin: a certificate names the installation it is for.
    let origin: String
    /// The key at the root of every chain: pinned outside the data directory where the face
    /// that opened it could (the server's `--org-key`, a person's own state).
    let organisationKey: SigningPublicKey

    /// What the organisation key signs at `init` to vouch for the recovery key: every case key is
    /// sealed to it, so a recovery key swapped in the database must be refused like a person's.
    static func recoveryKeyStatement(_ key: BoxPublicKey, origin: String) -> [UInt8] {
        Array("grievance/recovery-key/v1\norigin \(origin)\nkey \(Hex.encode(key.bytes))\n".utf8)
    }

    /// Whether the organisation key vouched for `key` as the recovery key.
    func endorses(recoveryKey key: BoxPublicKey, signature: [UInt8]) -> Bool {
        organisationKey.isValidSignature(signature, for: Self.recoveryKeyStatement(key, origin: origin))
    }

    /// The people whose certificates verify — the only ones anything may be sealed to — and
    /// the ids of those who could hold a case but are not trusted, with why.
    func sort(_ people: [StoredPrincipal]) -> (trusted: [Principal], untrusted: [(id: String, why: String)]) {
        let verdicts = verdicts(people)
        var trusted: [Principal] = []
        var untrusted: [(id: String, why: String)] = []
        for person in people {
            switch verdicts[person.principal.id] ?? .untrusted("unknown") {
            case .trusted: trusted.append(person.principal)
            case .untrusted(let why) where Access.mayEverHold(person.principal): untrusted.append((person.principal.id, why))
            case .untrusted: break
            }
        }
        return (trusted, untrusted)
    }

    /// The verdict on one person, read with everyone who may have vouched for them.
    func verdict(of id: String, in repository: any CaseRepository) throws -> Trust {
        let people = Self.byID(try repository.principals())
        guard let person = people[id] else { return .untrusted("is unknown") }
        return verdict(of: person, among: people)
    }

    /// People by id, for a verdict that looks up who vouched for whom.
    static func byID(_ people: [StoredPrincipal]) -> [String: StoredPrincipal] {
        Dictionary(people.map { ($0.principal.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every person's verdict, by id.
    func verdicts(_ people: [StoredPrincipal]) -> [String: Trust] {
        let byID = Self.byID(people)
        return byID.mapValues { verdict(of: $0, among: byID) }
    }

    /// Whether `person`'s chain verifies and says what their row says. An administrator who
    /// vouched for them must be trusted, active and an administrator still.
    func verdict(of person: StoredPrincipal, among people: [String: StoredPrincipal], depth: Int = 0) -> Trust {
        let row = person.principal
        guard let bytes = person.certificate else { return .untrusted("has no certificate") }
        guard let certificate = Certificate(serialized: bytes), let first = certificate.links.first, let last = certificate.last else {
            return .untrusted("the certificate does not parse")
        }
        guard certificate.links.allSatisfy({ $0.origin == origin && $0.id == row.id }) else { return .untrusted("the certificate is for someone else") }
        do {
            try Principal.checkRoles(row.roles)
        } catch {
            return .untrusted("holds a combination of roles nobody may hold")
        }
        if let problem = problem(withFirst: first, of: row.id, among: people, depth: depth) { return .untrusted(problem) }
        for (previous, link) in zip(certificate.links, certificate.links.dropFirst()) {
            guard link.issuer == .previous, link.purpose == .keys, link.roles == previous.roles, link.isDisabled == previous.isDisabled,
                  link.generation > previous.generation,
                  let key = try? SigningPublicKey(bytes: previous.signingPublicKey), link.isSigned(by: key)
            else { return .untrusted("a rotation in the certificate does not verify") }
        }
        guard last.purpose == .keys else { return .untrusted("has not enrolled") }
        guard last.describes(row) else { return .untrusted("the record's keys, roles or status are not the ones certified") }
        return .trusted
    }

    /// The box key a waiting person's verified ticket names: what their kept case keys are
    /// sealed to until they enrol. Nil when the ticket does not verify.
    func holdingKey(of pending: PendingEnrolment, among people: [String: StoredPrincipal]) -> BoxPublicKey? {
        guard let ticket = pending.ticket, ticket.purpose == .enrolment, ticket.origin == origin, ticket.id == pending.id,
              problem(withFirst: ticket, of: pending.id, among: people, depth: 0) == nil
        else { return nil }
        return try? BoxPublicKey(bytes: ticket.boxPublicKey)
    }

    /// What is wrong with the link that begins someone's chain, if anything: the organisation
    /// key signed it, or — for anyone but an administrator — a trusted, active administrator.
    private func problem(withFirst first: CertificateLink, of id: String, among people: [String: StoredPrincipal], depth: Int) -> String? {
        switch first.issuer {
        case .organisation:
            return first.isSigned(by: organisationKey) ? nil : "the organisation key did not sign it"
        case .administrator(let issuerID):
            guard !first.roles.contains(.admin) else { return "only the organisation key certifies an administrator" }
            guard issuerID != id, depth == 0, let issuer = people[issuerID] else { return "certified by \(issuerID), who is not an administrator here" }
            guard issuer.principal.roles.contains(.admin), !issuer.principal.isDisabled,
                  verdict(of: issuer, among: people, depth: depth + 1) == .trusted
            else { return "certified by \(issuerID), who is no longer a trusted administrator" }
            guard let key = try? SigningPublicKey(bytes: issuer.principal.signingPublicKey), first.isSigned(by: key) else {
                return "\(issuerID)'s signature does not verify"
            }
            return nil
        case .previous:
            return "the certificate begins with a rotation"
        }
    }
}
