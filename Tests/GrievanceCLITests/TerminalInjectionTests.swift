import Foundation
import Testing

/// A reporter is anonymous and may be the person a handler investigates: what they write must
/// not drive the handler's terminal.
@Suite("Text from a reporter reaches the handler's terminal escaped")
struct TerminalInjectionTests {
    /// What an attacker would send: erase the screen and move the cursor, a forged "Key holders:"
    /// line after a line break and after a carriage return, a clipboard write (OSC 52), a hidden
    /// hyperlink (OSC 8), a C1 control sequence introducer, a bell, DEL, a bidirectional override.
    static let attack = "before\u{1B}[2J\u{1B}[1;1H\nKey holders: nobody\rRead by: nobody\u{1B}]52;c;cm0gLXJmIH4=\u{07}"
        + "\u{1B}]8;;https://evil.example/\u{1B}\\click\u{1B}]8;;\u{1B}\\\u{9B}31m\u{7F}\u{202E}txt.exe"

    @Test("filed over HTTP, a description, a field and a reply with escape sequences show as visible escapes; --json keeps them exact")
    func escapedOnTheTerminal() async throws {
        let w = try CLIWorkspace.initialised(roster: [("amina", [.handler])])
        defer { w.remove() }
        let server = try ServerProcess(w)
        let body = try JSONSerialization.data(withJSONObject: [
            "category": "harassment", "description": Self.attack, "respondent": "X\nRead by: nobody", "location": Self.attack,
        ])
        let filed = await server.send("/api/v1/complaints", method: "POST", contentType: "application/json", body: String(decoding: body, as: UTF8.self))
        #expect(filed.status == 201, "\(filed.body)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(filed.body.utf8)) as? [String: String])
        let reply = try JSONSerialization.data(withJSONObject: ["receipt": answer["receipt"]!, "text": Self.attack])
        #expect(await server.send("/api/v1/follow-up/messages", method: "POST", contentType: "application/json",
                                  body: String(decoding: reply, as: UTF8.self)).status == 201)
        #expect(server.stop() == 0)
        let reference = try #require(answer["reference"])

        let shown = try w.run(["case", "show", reference], as: "amina")
        #expect(shown.status == 0, "\(shown.standardError)")
        let output = shown.standardOutput
        let unsafe = output.unicodeScalars.filter { scalar in
            scalar != "\n" && scalar != "\t"
                && ((0x00...0x1F).contains(scalar.value) || (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value))
        }
        #expect(unsafe.isEmpty, "raw controls reached the terminal: \(unsafe.map { String($0.value, radix: 16) })")
        // The only lines that start where the tool's own do are the tool's.
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasPrefix("Key holders:") } == ["Key holders: @recovery, @reporter, amina"], "\(lines)")
        #expect(lines.filter { $0.hasPrefix("Read by:") }.count == 1)
        #expect(output.contains(#"before\u{1B}[2J\u{1B}[1;1H"#))
        #expect(output.contains(#"\u{D}Read by: nobody\u{1B}]52;c;"#))
        #expect(output.contains(#"\u{9B}31m\u{7F}\u{202E}txt.exe"#))
        // A one-line field shows its line break as an escape too.
        #expect(output.contains(#"respondent: X\u{A}Read by: nobody"#))

        let json = try #require(try w.run(["case", "show", reference, "--json"], as: "amina").json() as? [String: Any])
        #expect((json["complaint"] as? [String: Any])?["description"] as? String == Self.attack)
        #expect((json["records"] as? [[String: Any]])?.contains { $0["text"] as? String == Self.attack } == true)
    }
}
