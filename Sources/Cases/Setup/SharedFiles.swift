import Foundation

/// Where both programs find the files of `policies/` — the procedure and the Code of Conduct
/// texts — when no option names them: `./policies` when the working folder has one (a checkout
/// of the repository), else the installation's, which `./scripts/install` puts in
/// PREFIX/share/grievance/policies beside PREFIX/bin. The installation's is found from the
/// running program's own path, as SwiftPM finds the resource bundles installed beside it, so an
/// installed program works from any working folder and reads nothing of the build tree.
public enum SharedFiles {
    /// The policies folder to use when no option names one.
    public static func policies() -> String {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: "policies", isDirectory: &isFolder) && isFolder.boolValue ? "policies" : installedPolicies()
    }

    /// PREFIX/share/grievance/policies, for a program at PREFIX/bin/NAME (symbolic links followed).
    public static func installedPolicies() -> String {
        let program = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
        return program.deletingLastPathComponent().appendingPathComponent("../share/grievance/policies").standardizedFileURL.path
    }

    /// Where `policies()` looks, in order, for a message that says so.
    public static func searched() -> String { "./policies, then \(installedPolicies())" }
}
