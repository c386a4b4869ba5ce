/// What an encrypted record of a case is. Bound into each record's associated data, so a note
/// cannot be passed off as the complaint or a message to the reporter.
public enum RecordKind: String, Sendable, CaseIterable, Codable {
    case complaint
    case note
    case messageToReporter = "message-to-reporter"
    case messageFromReporter = "message-from-reporter"
    case decision
    case attachment
    /// The principals the reporter asked be kept away (latest record wins). Encrypted: who is
    /// suspected is itself sensitive.
    case exclusions
    /// Why a case moved to another stage, as the person who moved it wrote it.
    case stageReason = "stage-reason"
    /// Why a case was held from retention, and why the hold was released.
    case hold
    case holdReleased = "hold-released"
}
