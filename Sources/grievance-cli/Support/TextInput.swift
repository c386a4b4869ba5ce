import Foundation

/// Free text for a note, a message or a complaint: from an option, else from standard input
/// (except in the shell, whose standard input holds the commands). Never through a temporary
/// file, where a plaintext could outlive the command.
enum TextInput {
    static func read(_ given: String?, what: String, option: String) throws -> String {
        if let given { return given }
        try ShellContext.refuseStandardInput(for: what, option: option)
        if isatty(STDIN_FILENO) == 1 {
            var standardError = StandardError()
            print("Type the \(what); finish with Ctrl-D on a line of its own:", to: &standardError)
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIFailure(.unusable, message: "the \(what) is not UTF-8 text", hint: "save it as UTF-8 and try again")
        }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
