import AuditLog
import Foundation
import GrievanceCrypto

extension Casework {
    /// Decrypts an attachment for someone the access rule lets open it, passing its bytes to
    /// `write` chunk by chunk; the read is logged. Any altered, missing, reordered or extra
    /// chunk, and a stream cut short, is refused as damage — after which `write` may have had
    /// part of the file, which the caller must discard.
    @discardableResult
    public func readAttachment(_ reference: CaseReference, sequence: UInt64, as actor: UnlockedPrincipal,
                               write: ([UInt8]) throws -> Void) throws -> AttachmentInfo {
        try ledger.transaction { repository in
            let opened = try open(reference, as: actor, for: .readAttachment, repository: repository)
            guard let record = try repository.records(reference: reference).first(where: { $0.sequence == sequence && $0.kind == .attachment }),
                  let stored = try repository.attachment(reference: reference, recordSequence: sequence)
            else { throw CasesError(.noSuchAttachment(reference, sequence)) }
            let damaged = CasesError.damaged("attachment #\(sequence) of \(reference)")
            guard let info = try ledger.openRecord(record, keys: opened.keys, reference: reference).attachment,
                  let attachmentKey = try? SymmetricKey(secret: XChaCha20Poly1305.openSecret(
                      stored.sealedKey, key: try opened.keys.key(for: record.keyEpoch), associatedData: AttachmentSealer.keyAssociatedData(reference: reference, sequence: sequence))),
                  var decryptor = try? SecretStreamDecryptor(key: attachmentKey, header: stored.header)
            else { throw damaged }
            var size = 0
            for chunk in stored.chunks {
                guard !decryptor.isFinished, let (plaintext, _) = try? decryptor.pull(chunk, associatedData: AttachmentSealer.associatedData) else {
                    throw damaged
                }
                size += plaintext.count
                try write(plaintext)
            }
            guard (try? decryptor.finish()) != nil, size == info.size else { throw damaged }
            try repository.audit(ledger.entry(actor.id, "case.attachment-read", reference, [AuditDetail("record", String(sequence))]))
            return info
        }
    }
}
