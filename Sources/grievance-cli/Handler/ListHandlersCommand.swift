import ArgumentParser
import Cases

struct ListHandlersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List everyone with an account, their roles, whether they are disabled, and whether their keys are certified.",
        discussion: """
            TRUSTED says whether the person's certificate chain verifies up to the organisation key \
            you pinned: nothing is ever sealed to someone who is not trusted. A row added or a key \
            swapped behind Grievance's back shows here as not trusted, with why. FINGERPRINT is \
            the one the audit log's principal.* entries carry.
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    func run() throws {
        let people = try directory.open().administration.people()
        if output.enabled { return try Output.json(people) }
        Output.table(["ID", "NAME", "ROLES", "STATUS", "TRUSTED", "FINGERPRINT"], people.map { listing in
            let person = listing.principal
            let trusted = switch listing.trust {
            case .trusted: "yes"
            case .untrusted(let why): "NO: \(why)"
            }
            let status = !listing.isEnrolled ? "awaiting enrolment" : person.isDisabled ? "disabled" : "active"
            return [person.id, person.name, person.roles.sorted().map(\.rawValue).joined(separator: ","), status,
                    listing.isEnrolled ? trusted : "-", listing.isEnrolled ? String(person.keyFingerprint.prefix(16)) : "-"]
        })
    }
}
