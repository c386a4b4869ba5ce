import Foundation

/// Free text for a note, a message or a complaint: from an option, else from standard input.
/// Never through a temporary file, where a plaintext could outlive the command.
enum TextInput {
    static func read(_ given: String?, what: String) throws -> String {
        if let given { return given }
        if isatty(STDIN_FILENO) == 1 {
            var standardError = StandardError()
            print("Type the \(what); finish with Ctrl-D on a line of its own:", to: &standardError)
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIFailure(message: "the \(what) is not UTF-8 text", hint: "save it as UTF-8 and try again")
        }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}
