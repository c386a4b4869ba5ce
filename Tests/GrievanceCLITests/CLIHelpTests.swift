import Foundation
import Testing

@testable import grievance_cli

@Suite("grievance-cli as a user runs it")
struct CLIHelpTests {
    /// The built executable, beside the test bundle in the build folder.
    static var executable: URL {
        Bundle.main.bundleURL.appendingPathComponent("grievance-cli")
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try runSeparately(arguments)
        return (result.status, result.standardOutput + result.standardError)
    }

    /// Runs the tool with standard output and standard error kept apart.
    static func runSeparately(_ arguments: [String]) throws -> (status: Int32, standardOutput: String, standardError: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let (output, error) = (Pipe(), Pipe())
        process.standardOutput = output
        process.standardError = error
        try process.run()
        // Small outputs: reading one pipe to its end cannot block the other.
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }

    @Test("help names the tool, the data directory and how the passphrase is read")
    func help() throws {
        let (status, output) = try Self.run(["--help"])
        #expect(status == 0)
        #expect(output.contains("USAGE: grievance-cli"))
        #expect(output.contains("GRIEVANCE_DATA_DIR"))
        #expect(output.contains("GRIEVANCE_PASSPHRASE"))
        #expect(GrievanceCLI.helpMessage().contains("USAGE: grievance-cli"))
    }

    @Test("--version prints the version; an unknown option fails with a message, not a trace")
    func versionAndBadInput() throws {
        let version = try Self.run(["--version"])
        #expect(version.status == 0)
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let bad = try Self.run(["--no-such-option"])
        #expect(bad.status != 0)
        #expect(bad.output.contains("Unknown option"))
        #expect(!bad.output.contains("Fatal error"))
    }
}

@Suite("grievance-cli shell completion")
struct CompletionTests {
    @Test("the parser generates bash, zsh and fish completion scripts naming the commands")
    func completion() throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try CLIHelpTests.runSeparately(["--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.standardOutput.contains("grievance-cli"))
            #expect(result.standardOutput.contains("rotate-key"))
        }
    }
}
