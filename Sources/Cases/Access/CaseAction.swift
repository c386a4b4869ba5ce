/// Everything a person may ask to do with a case, or to be given of it. `Access.decide` answers
/// each one; the raw value is what the audit log records as the attempt.
public enum CaseAction: String, Sendable, Hashable, CaseIterable {
    /// Open the case (`case show`); a case is listed to exactly those who may read it.
    case read = "case.read"
    case export = "case.export"
    case readAttachment = "case.attachment-read"
    case note = "case.note"
    case message = "case.message"
    case assign = "case.assign"
    case advance = "case.advance"
    case exclude = "case.exclude"
    /// Keep a case from retention (a hold), or release it.
    case hold = "case.hold"
    /// File a report on a reporter's behalf (hotline, in person, e-mail).
    case file = "case.file"
    /// Be sealed the key when a case of a category routed to one's role arrives.
    case receiveRouted = "case.receive-routed"
    /// Be sealed the key of a report one filed on a reporter's behalf.
    case receiveAsFiler = "case.receive-as-filer"
    /// Be sealed the key by a key holder's assignment.
    case receiveAssigned = "case.receive-assigned"
    /// Be sealed the key as a member of the appeals panel when the case reaches the panel's stage.
    case receivePanel = "case.receive-panel"

    /// The actions that work a case already held; the others file a case or hand out its key.
    public static let working: [CaseAction] = [.read, .export, .readAttachment, .note, .message, .assign, .advance, .exclude, .hold]

    /// What the action is, as a phrase for people ("… is not for investigator").
    public var phrase: String {
        switch self {
        case .read: "reading a case"
        case .export: "exporting a case"
        case .readAttachment: "opening a case's attachments"
        case .note: "adding notes"
        case .message: "messaging the reporter"
        case .assign: "assigning a case"
        case .advance: "moving a case on"
        case .exclude: "excluding people from a case"
        case .hold: "holding a case from retention"
        case .file: "filing a report on someone's behalf"
        case .receiveRouted: "receiving a case by routing"
        case .receiveAsFiler: "holding a case one filed"
        case .receiveAssigned: "being assigned a case"
        case .receivePanel: "receiving a case as the appeals panel"
        }
    }
}
