import Foundation

/// QR codes through Debian's `qrencode` program (libqrencode), when it is installed.
enum QRCode {
    /// The program, or a failure that says how to get it; checked before anything is changed.
    static func program() throws -> String {
        guard let program = ["/usr/bin/qrencode", "/usr/local/bin/qrencode"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw CLIFailure(.environment, message: "cannot write a QR code: the qrencode program is not installed",
                             hint: "install it (apt-get install qrencode), or leave out --qr and make the code from the link")
        }
        return program
    }

    static func write(_ text: String, to path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try program())
        process.arguments = ["--type=PNG", "--size=8", "--margin=4", "--output=\(path)", "--", text]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CLIFailure(.environment, message: "qrencode failed (exit \(process.terminationStatus)) writing \(path)", hint: "check that the folder is writable")
        }
    }
}
