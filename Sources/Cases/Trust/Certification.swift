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
        let people = Dictionary(try repository.principals().map { ($0.principal.id, $0) }, uniquingKeysWith: { first, _ in first })
        guard let person = people[id] else { return .untrusted("is unknown") }
        return verdict(of: person, among: people)
    }

    /// Every person's verdict, by id.
    func verdicts(_ people: [StoredPrincipal]) -> [String: Trust] {
        let byID = Dictionary(people.map { ($0.principal.id, $0) }, uniquingKeysWith: { first, _ in first })
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
            return .untrusted("holds admin beside a role that reads cases")
        }
        switch first.issuer {
        case .organisation:
            guard first.isSigned(by: organisationKey) else { return .untrusted("the organisation key did not sign it") }
        case .administrator(let issuerID):
            guard !first.roles.contains(.admin) else { return .untrusted("only the organisation key certifies an administrator") }
            guard issuerID != row.id, depth == 0, let issuer = people[issuerID] else { return .untrusted("certified by \(issuerID), who is not an administrator here") }
            guard issuer.principal.roles.contains(.admin), !issuer.principal.isDisabled,
                  verdict(of: issuer, among: people, depth: depth + 1) == .trusted
            else { return .untrusted("certified by \(issuerID), who is no longer a trusted administrator") }
            guard let key = try? SigningPublicKey(bytes: issuer.principal.signingPublicKey), first.isSigned(by: key) else {
                return .untrusted("\(issuerID)'s signature does not verify")
            }
        case .previous:
            return .untrusted("the certificate begins with a rotation")
        }
        for (previous, link) in zip(certificate.links, certificate.links.dropFirst()) {
            guard link.issuer == .previous, link.roles == previous.roles, link.isDisabled == previous.isDisabled,
                  link.generation > previous.generation,
                  let key = try? SigningPublicKey(bytes: previous.signingPublicKey), link.isSigned(by: key)
            else { return .untrusted("a rotation in the certificate does not verify") }
        }
        guard last.boxPublicKey.contains(where: { $0 != 0 }) else { return .untrusted("has not enrolled") }
        guard last.describes(row) else { return .untrusted("the record's keys, roles or status are not the ones certified") }
        return .trusted
    }
}
