import Foundation
import Testing

/// `init` killed at any moment leaves nothing that passes for a data directory, and running it
/// again finishes the job.
@Suite struct InitCrashTests {
    @Test func initKilledPartWayIsFinishedByTheNextInit() throws {
        let workspace = try CLIWorkspace()
        defer { try? FileManager.default.removeItem(at: workspace.folder) }
        let passphrase = CLIWorkspace.newPassphrase(for: "rosa")
        var interrupted = 0
        var completed = false
        for (attempt, delay) in [0.005, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5].enumerated() {
            let process = Process()
            process.executableURL = CLIHelpTests.executable
            process.arguments = ["init", "--org", "Crash Test", "--admin", "rosa", "--policy", CLIWorkspace.shippedPolicy, "--key-cost", "interactive",
                                 "--recovery-key-out", workspace.folder.appendingPathComponent("recovery-\(attempt).txt").path,
                                 "--data-dir", workspace.dataDirectory.path]
            process.environment = ["GRIEVANCE_PASSPHRASE": passphrase, "XDG_STATE_HOME": workspace.folder.appendingPathComponent("state").path,
                                   "PATH": "/usr/bin:/bin"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Finished before the kill: a whole data directory, which the end of the test checks.
            guard process.terminationReason == .uncaughtSignal else {
                #expect(process.terminationStatus == 0, "init failed by itself after \(delay) s")
                completed = process.terminationStatus == 0
                break
            }
            interrupted += 1
            // Whatever it left is either not a data directory, or, when the kill came after the
            // commit (while init pinned the keys or printed), a whole one whose recovery key was
            // written first: the end of the test checks it.
            let opened = try workspace.run(["handler", "list"])
            if opened.status == 0 {
                let keyFile = workspace.folder.appendingPathComponent("recovery-\(attempt).txt").path
                #expect(FileManager.default.fileExists(atPath: keyFile), "a data directory without its recovery key after a kill at \(delay) s")
                completed = true
                break
            }
        }
        #expect(interrupted >= 2, "init finished before it could be interrupted")
        if !completed {
            let finished = try workspace.run(["init", "--org", "Crash Test", "--admin", "rosa", "--policy", CLIWorkspace.shippedPolicy,
                                              "--key-cost", "interactive", "--recovery-key-out", workspace.recoveryKeyFile.path],
                                             environment: ["GRIEVANCE_PASSPHRASE": passphrase])
            #expect(finished.status == 0, "\(finished.standardError)")
        }
        let verified = try workspace.run(["audit", "verify", "--json"])
        #expect(verified.status == 0 && verified.standardOutput.contains("\"valid\" : true"), "\(verified.standardOutput) \(verified.standardError)")
        // And once finished, it is never made again over itself.
        let again = try workspace.run(["init", "--org", "Crash Test", "--admin", "rosa", "--policy", CLIWorkspace.shippedPolicy,
                                       "--key-cost", "interactive"], environment: ["GRIEVANCE_PASSPHRASE": passphrase])
        #expect(again.status != 0 && again.standardError.contains("not empty"))
    }
}
