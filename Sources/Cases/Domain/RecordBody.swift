/// The plaintext of a record before encryption: who wrote it, and what. The complaint carries
/// the reporter's whole account; an exclusions record, the list of ids; a stage change's
/// reason, the stage it led to.
struct RecordBody: Codable {
    var author: String
    var text: String?
    var complaint: ComplaintContent?
    var exclusions: [String]?
    var attachment: AttachmentInfo?
    var stage: String?
}
