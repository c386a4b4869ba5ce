/// How a report arrived. Web reports come from the reporter; the others a handler files on the
/// reporter's behalf.
public enum IntakeChannel: String, Sendable, CaseIterable, Codable {
    case web
    case hotline
    case inPerson = "in-person"
    case email
}
