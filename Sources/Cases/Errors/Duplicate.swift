/// Something that exists already and may exist only once.
public enum Duplicate: Sendable, Hashable, CustomStringConvertible {
    case person(String)
    case event(String)
    case assignment(CaseReference, to: String)
    case organisation
    /// Three fresh references in a row collided, or the people kept changing while a case was filed.
    case caseReference

    public var description: String {
        switch self {
        case .person(let id): "a person with id \(id) already exists"
        case .event(let slug): "an event \(slug) already exists"
        case .assignment(let reference, let id): "\(reference) is already assigned to \(id)"
        case .organisation: "this database already holds an organisation"
        case .caseReference: "no free case reference was found (or the people changed three times while filing)"
        }
    }
}
