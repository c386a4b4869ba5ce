import GrievanceCrypto

/// A case opened for one action: its row, its key, and the facts the access rule decided on.
struct OpenedCase {
    let row: CaseRow
    let keys: CaseKeyring
    let person: Principal
    /// What the access rule decided on.
    let facts: CaseFacts
    let exclusions: Set<String>
}

extension Casework {
    /// Gathers what access depends on — the person as storage holds them now, their copy of the
    /// key and how they got it, whether they are excluded — and asks the access rule. A refusal
    /// is logged (after the transaction rolls back) and thrown.
    func open(_ reference: CaseReference, as actor: UnlockedPrincipal, for action: CaseAction, repository: any CaseRepository) throws -> OpenedCase {
        // A probe for a reference that does not exist is logged like any refusal: guessing
        // references is how someone would look for a case they were kept away from.
        guard let row = try repository.caseRow(reference: reference) else {
            throw AccessDenial(CasesError(.noSuchCase(reference)), actor: actor.id, attempted: action.rawValue, reference: nil,
                               reason: "no-such-case \(reference)")
        }
        if row.shreddedAt != nil { throw CasesError(.shredded(reference)) }
        guard let person = try repository.principal(id: actor.id)?.principal else { throw CasesError(.noSuchPerson(actor.id)) }
        // Keys rotated or recovered since this person unlocked: theirs no longer open anything.
        guard person.boxPublicKey == actor.principal.boxPublicKey else { throw CasesError.invalid(.keys, .changedMeanwhile) }
        // A record someone rewrote (roles, status) acts as nobody.
        if case .untrusted(let why) = try ledger.certification.verdict(of: actor.id, in: repository) {
            throw AccessDenial(CasesError.invalid(.person, .untrusted("you (\(actor.id)) \(why)")), actor: actor.id, attempted: action.rawValue,
                               reference: reference, reason: "untrusted")
        }
        let seal = try repository.seal(reference: reference, recipient: actor.id)
        var keys: CaseKeyring?
        var exclusions: Set<String> = []
        if let seal {
            let key: SymmetricKey
            do {
                key = try CaseKeyEnvelope.open(seal.sealed, caseReference: reference.rawValue, with: actor.boxKeyPair)
            } catch {
                throw CasesError.damaged("the key of \(reference) sealed to \(actor.id)")
            }
            keys = try ledger.keyring(of: row, current: key, by: actor.id, repository: repository)
            exclusions = try ledger.exclusions(reference: reference, keys: keys!, repository: repository)
        }
        let holding: KeyHolding = seal.map { $0.assigned ? .assigned : .held } ?? .none
        let facts = ledger.procedure.facts(for: row.summary, holding: holding, isExcluded: exclusions.contains(actor.id))
        if case .refused(let refusal) = Access.decide(person, action, facts) {
            throw AccessDenial(refusal, actor: actor.id, action: action, reference: reference)
        }
        // Every action that works a case needs the key; the rule never allows one without it.
        guard let keys else { throw AccessDenial(.notKeyHolder, actor: actor.id, action: action, reference: reference) }
        return OpenedCase(row: row, keys: keys, person: person, facts: facts, exclusions: exclusions)
    }
}
