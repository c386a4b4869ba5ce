import Foundation
import GrievanceCrypto

extension NotifySettings {
    /// The settings signed by `actor`, for config.json.
    func signed(by actor: UnlockedPrincipal, origin: String) -> NotifySettings {
        var signed = self
        signed.signedBy = actor.id
        signed.signature = Data(actor.signingKeyPair.sign(statement(origin: origin, signer: actor.id))).base64EncodedString()
        return signed
    }

    /// A notifier for these settings, if an active administrator whose certificate verifies
    /// signed exactly them; otherwise the refusal, which names what to do.
    func verifiedNotifier(ledger: Ledger) throws -> Notifier {
        guard let signer = signedBy, let signature, let bytes = Data(base64Encoded: signature) else {
            throw CasesError.invalid(.notifyCommand, .untrusted("config.json names a notification command no administrator signed"))
        }
        // Checked again as when it was set: a hand-edited file gets no looser limits.
        _ = try NotifySettings(command: command, timeoutSeconds: timeoutSeconds, format: format)
        let verifies = try ledger.storage.read { repository in
            let people = Certification.byID(try repository.principals())
            guard let stored = people[signer], stored.principal.roles.contains(.admin), !stored.principal.isDisabled,
                  ledger.certification.verdict(of: stored, among: people) == .trusted,
                  let key = try? SigningPublicKey(bytes: stored.principal.signingPublicKey)
            else { return false }
            return key.isValidSignature([UInt8](bytes), for: statement(origin: ledger.certification.origin, signer: signer))
        }
        guard verifies else {
            throw CasesError.invalid(.notifyCommand, .untrusted(
                "the notification command in config.json is not the one \(signer) signed, or \(signer) is no longer a trusted, active administrator"))
        }
        return Notifier(settings: self)
    }
}
