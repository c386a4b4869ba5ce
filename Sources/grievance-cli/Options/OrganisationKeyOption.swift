import ArgumentParser
import Cases

/// `--org-key`: the organisation key to hold a data directory or a backup to, from a file its
/// writers cannot change; by default the installed one, when there is one.
struct OrganisationKeyOption: ParsableArguments {
    @Option(name: .customLong("org-key"),
            help: ArgumentHelp("The organisation key (the file `init --org-key-out` wrote; default: \(OrganisationKey.installedPath) when it exists).",
                               valueName: "FILE"),
            completion: .file())
    var file: String?

    var pinned: OrganisationKey? { get throws { try OrganisationKey.pinned(file: file) } }
}
