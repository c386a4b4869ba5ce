/// The plaintext of a record before encryption: who wrote it, and what. The complaint carries
/// the reporter's whole account, and their public key in hex — authenticated by the case key,
/// so re-keying seals to the reporter and to nobody a database writer names; an exclusions
/// record, the list of ids; a stage change's reason, the stage it led to.
struct RecordBody: Codable {
    var author: String
    var text: String?
    var complaint: ComplaintContent?
    var exclusions: [String]?
    var attachment: AttachmentInfo?
    var stage: String?
    var reporterKey: String?
}
