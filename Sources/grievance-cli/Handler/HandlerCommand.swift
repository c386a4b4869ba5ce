import ArgumentParser

/// `grievance-cli handler …`: the people who work cases, and the administrators.
struct HandlerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handler",
        abstract: "Add, list, disable and change the people who use the system.",
        subcommands: [AddHandlerCommand.self, ListHandlersCommand.self, DisableHandlerCommand.self, SetRolesCommand.self,
                      RotateKeyCommand.self, RecoverHandlerCommand.self]
    )
}
