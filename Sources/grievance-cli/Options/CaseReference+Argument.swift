import ArgumentParser
import Cases

/// A case reference on the command line, read as a person types it (`grv-7k3m9qxd` is
/// `GRV-7K3M9QXD`); anything else is a usage error naming the argument.
extension CaseReference: ExpressibleByArgument {
    public init?(argument: String) {
        guard let reference = try? CaseReference(parsing: argument) else { return nil }
        self = reference
    }

    public static var defaultCompletionKind: CompletionKind { .default }
}
