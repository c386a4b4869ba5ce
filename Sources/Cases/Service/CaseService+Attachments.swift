import AuditLog
import Foundation
import GrievanceCrypto

extension CaseService {
    /// Binds an attachment's sealed key to its case and record, so that a key (and its chunks)
    /// moved to another case or record does not open.
    static func attachmentKeyAssociatedData(reference: String, sequence: UInt64) -> [UInt8] {
        var data = Array("grievance/v1/attachment-key".utf8) + [0] + Array(reference.utf8) + [0]
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: sequence >> UInt64(shift))) }
        return data
    }

    /// Stores the attachments of a case being filed, in the filing's transaction: a record
    /// describing each, its key sealed under the case key, its chunks as they were encrypted.
    func storeAttachments(_ attachments: [SealedAttachment], author: String, caseKey: SymmetricKey, reference: String,
                          repository: any CaseRepository) throws {
        for attachment in attachments {
            let sequence = try appendRecord(RecordBody(author: author, attachment: attachment.info), kind: .attachment, key: caseKey,
                                            reference: reference, repository: repository)
            let sealedKey = XChaCha20Poly1305.seal(attachment.key.secret, key: caseKey,
                                                   associatedData: Self.attachmentKeyAssociatedData(reference: reference, sequence: sequence))
            try repository.insertAttachment(reference: reference, recordSequence: sequence, sealedKey: sealedKey, header: attachment.header,
                                            chunks: attachment.chunks)
        }
    }

    /// Decrypts an attachment for someone allowed to read the case, passing its bytes to
    /// `write` chunk by chunk; the read is logged. Any altered, missing, reordered or extra
    /// chunk, and a stream cut short, is refused as damage — after which `write` may have had
    /// part of the file, which the caller must discard.
    @discardableResult
    public func readAttachment(_ reference: String, sequence: UInt64, as actor: UnlockedPrincipal,
                               write: ([UInt8]) throws -> Void) throws -> AttachmentInfo {
        try transaction { repository in
            let (_, key) = try openCase(reference, as: actor, for: .read, repository: repository)
            guard let record = try repository.records(reference: reference).first(where: { $0.sequence == sequence && $0.kind == .attachment }),
                  let stored = try repository.attachment(reference: reference, recordSequence: sequence)
            else { throw CasesError.invalid("attachment", "\(reference) has no attachment #\(sequence)") }
            guard let info = try openRecord(record, key: key, reference: reference).attachment else {
                throw CasesError.damaged("attachment #\(sequence) of \(reference)")
            }
            let damaged = CasesError.damaged("attachment #\(sequence) of \(reference)")
            guard let attachmentKey = try? SymmetricKey(secret: XChaCha20Poly1305.openSecret(
                stored.sealedKey, key: key, associatedData: Self.attachmentKeyAssociatedData(reference: reference, sequence: sequence))),
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
            try repository.audit(AuditEntryDraft(actor: actor.id, action: "case.attachment-read", caseReference: reference,
                                                 details: [AuditDetail("record", String(sequence))], time: clock()))
            return info
        }
    }
}
