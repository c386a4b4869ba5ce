import ArgumentParser
import Cases
import Foundation

struct AddEventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an event to the register (administrators only), and print its intake link.",
        discussion: """
            Types: \(Event.Kind.allCases.map(\.rawValue).joined(separator: ", ")). Give --city and \
            --country (two letters, e.g. KE), or --online. With --qr FILE, the link is also written as \
            a PNG QR code for badges and programmes (needs the qrencode program).
            """)

    @OptionGroup var directory: DataDirectoryOption
    @OptionGroup var actor: ActorOption
    @OptionGroup var output: JSONOption

    @Argument(help: "The event's short name, used in its link (a-z, 0-9, '-', '_').")
    var slug: String

    @Option(help: "The event's full name.")
    var name: String

    @Option(name: .customLong("type"), help: "What kind of event it is.")
    var kind: Event.Kind

    @Option(help: ArgumentHelp("First day, YYYY-MM-DD.", valueName: "DATE"))
    var starts: String

    @Option(help: ArgumentHelp("Last day, YYYY-MM-DD.", valueName: "DATE"))
    var ends: String

    @Option(help: "Where it is held.")
    var city: String?

    @Option(help: ArgumentHelp("The country, as two letters (ISO 3166-1).", valueName: "CC"))
    var country: String?

    @Flag(help: "The event is held online.")
    var online = false

    @Option(help: ArgumentHelp("Also write the intake link as a QR code to this PNG file.", valueName: "FILE"), completion: .file())
    var qr: String?

    private struct Added: Encodable {
        let slug, intakeLink: String
        let qrFile: String?

        enum CodingKeys: String, CodingKey {
            case slug
            case intakeLink = "intake_link", qrFile = "qr_file"
        }
    }

    func run() throws {
        if let qr {
            _ = try QRCode.program()
            guard !FileManager.default.fileExists(atPath: qr) else { throw FileError(path: qr, code: .exists) }
        }
        let session = try actor.session(in: directory)
        try session.administration.addEvent(
            Event(slug: slug, name: name, kind: kind, city: city, country: country, online: online, starts: starts, ends: ends),
            by: session.actor)
        let link = session.installation.configuration.intakeLink(event: slug)
        if output.enabled {
            if let qr { try QRCode.write(link, to: qr) }
            return try Output.json(Added(slug: slug, intakeLink: link, qrFile: qr))
        }
        // The event is added: say so before the QR code, whose program may still fail.
        print("Added \(slug). Its intake link: \(link)")
        if let qr {
            try QRCode.write(link, to: qr)
            print("QR code: \(qr)")
        }
    }
}
