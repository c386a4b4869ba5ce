import Cases
import CasesTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Languages
import Testing

@testable import grievance_server

@Suite("Pages in every language: right to left done properly, the choice kept without the receipt in a link")
struct RightToLeftPageTests {
    @Test("Arabic and Urdu pages run right to left; the receipt, the reference and the dates stay left to right inside them",
          arguments: [Language.ar, .ur])
    func rightToLeft(language: Language) async throws {
        let f = try ServerFixture()
        let catalog = try Catalog()
        try await f.app().test(.router) { client in
            let form = try await client.execute(uri: "/?lang=\(language.rawValue)", method: .get)
            #expect(form.text.contains("<html lang=\"\(language.rawValue)\" dir=\"rtl\">"))
            #expect(form.text.contains(HTML.escape(catalog.text("form.submit", language))))
            PageTests.expectPlainPage(form, "the \(language) form")

            let response = try await client.postForm("/complaints", [("language", language.rawValue), ("category", "harassment"), ("description", "RTL-\(UUID())")])
            #expect(response.status == .created)
            let html = response.text
            #expect(html.contains("<html lang=\"\(language.rawValue)\" dir=\"rtl\">"))
            // The receipt is a left-to-right island, so its groups read in order on a mirrored page.
            let receipt = try #require(html.firstMatch(of: /<p class="receipt" dir="ltr"[^>]*><strong>([0-9A-Z-]{23})<\/strong>/)?.1)
            #expect(html.contains(#/<bdi class="reference" dir="ltr">GRV-[0-9A-Z]{8}</bdi>/#))
            #expect(html.contains("href=\"/follow-up?lang=\(language.rawValue)\""))
            // Its language switch keeps the receipt, in POST bodies, never in a link.
            #expect(html.contains("<input type=\"hidden\" name=\"language\" value=\"en\"><input type=\"hidden\" name=\"receipt\" value=\"\(receipt)\">"))
            for href in html.matches(of: /href="([^"]*)"/) { #expect(!href.1.contains(receipt), "the receipt in a link: \(href.1)") }

            let view = try await client.postForm("/follow-up", [("language", language.rawValue), ("receipt", String(receipt))])
            #expect(view.status == .ok)
            #expect(view.text.contains("<html lang=\"\(language.rawValue)\" dir=\"rtl\">"))
            #expect(view.text.contains("id=\"receipt\" name=\"receipt\" type=\"text\" dir=\"ltr\""))
            PageTests.expectPlainPage(view, "the \(language) follow-up")
        }
        await f.remove()
    }

    @Test("the language switch names every language in its own language, script and direction")
    func switcher() async throws {
        let f = try ServerFixture()
        let catalog = try Catalog()
        try await f.app().test(.router) { client in
            let html = try await client.execute(uri: "/?lang=ar", method: .get).text
            #expect(html.contains("<nav aria-label=\"\(HTML.escape(catalog.text("nav.languages", .ar)))\">"))
            for other in Language.allCases {
                let name = HTML.escape(catalog.text("language.name", other))
                let attributes = "lang=\"\(other.rawValue)\" dir=\"\(other.direction.rawValue)\">\(name)"
                #expect(html.contains(other == .ar ? "<span aria-current=\"true\" \(attributes)</span>" : "hreflang=\"\(other.rawValue)\" \(attributes)</a>"),
                        "\(other)")
            }
            #expect(Set(Language.allCases.map { catalog.text("language.name", $0) }).count == Language.allCases.count)
        }
        await f.remove()
    }

    @Test("the form's own language switch sends what was typed along: the form again in Arabic, every value kept and escaped, nothing filed, kept or logged")
    func switchKeepsWhatWasTyped() async throws {
        let f = try ServerFixture()
        let marker = "KEEPMARK-\(UUID().uuidString)"
        try await f.app().test(.router) { client in
            let form = try await client.execute(uri: "/?lang=en", method: .get).text
            // After the form's own button, which stays the one Enter presses, and sent urlencoded,
            // without the browser's checks of required fields.
            let send = try #require(form.range(of: "<button type=\"submit\">"))
            let keep = try #require(form.range(of: "formaction=\"/\" formmethod=\"post\" formenctype=\"application/x-www-form-urlencoded\" formnovalidate"))
            #expect(send.lowerBound < keep.lowerBound)
            #expect(form.contains("<option value=\"ar\" lang=\"ar\" dir=\"rtl\">"))
            #expect(form.contains("<option value=\"en\" lang=\"en\" dir=\"ltr\" selected>"))

            let hostile = "<script>alert(1)</script>"
            let typed = [
                ("language", "en"), ("category", "harassment"), ("event", "congress-2027"), ("description", "\(marker) \(hostile)\nsecond line"),
                ("respondent", "\(marker)-r\"'><svg onload=x>"), ("urgent", "on"), ("consent_email", "on"), ("exclude_handlers", "amina"),
                ("attachments", "photo.jpg"), ("switch_to", "ar"),
            ]
            let response = try await client.postForm("/", typed, headers: [HTTPField.Name("Sec-Fetch-Site")!: "same-origin"])
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(html.contains("<input type=\"hidden\" name=\"language\" value=\"ar\">"))
            #expect(html.contains(">\(marker) &lt;script&gt;alert(1)&lt;/script&gt;\nsecond line</textarea>"))
            #expect(!html.contains(hostile))
            #expect(html.contains("value=\"\(marker)-r&quot;&#39;&gt;&lt;svg onload=x&gt;\""))
            #expect(!html.contains("<svg onload"))
            // The file was left behind, and the form says so.
            #expect(html.contains("<p class=\"notice\" role=\"status\"><a href=\"#attachments\">"))
            #expect(html.contains("<option value=\"harassment\" selected>"))
            #expect(html.contains("<option value=\"congress-2027\" selected>"))
            #expect(html.contains("id=\"urgent\" name=\"urgent\" checked"))
            #expect(html.contains("id=\"consent_email\" name=\"consent_email\" checked"))
            #expect(html.contains("value=\"amina\" checked"))
            #expect(html.contains("<option value=\"ar\" lang=\"ar\" dir=\"rtl\" selected>"))
            // Nothing was checked, so nothing is said to be wrong.
            #expect(!html.contains("class=\"errors\"") && !html.contains("aria-invalid"))
            PageTests.expectPlainPage(response, "the form refilled in Arabic")

            // An unknown language falls back to the page's; a form with files is not this switch's.
            let fallback = try await client.postForm("/", [("language", "th"), ("description", marker), ("switch_to", "xx")])
            #expect(fallback.status == .ok && fallback.text.contains("<html lang=\"th\" dir=\"ltr\">") && fallback.text.contains(marker))
            #expect(!fallback.text.contains("class=\"notice\""))

            // Posted from another site, the form shows none of it back, here or with the problems
            // of a filing: no page elsewhere can hand a reporter the real form filled in its way.
            let elsewhere: HTTPFields = [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]
            let forged = try await client.postForm("/", typed, headers: elsewhere)
            #expect(forged.status == .ok && !forged.text.contains(marker) && !forged.text.contains("value=\"amina\" checked"))
            let forgedFiling = try await client.postForm("/complaints", [("description", ""), ("respondent", marker), ("exclude_handlers", "amina")],
                                                         headers: elsewhere)
            #expect(forgedFiling.status == .unprocessableContent && !forgedFiling.text.contains(marker))
            #expect(!forgedFiling.text.contains("value=\"amina\" checked"))
            let multipart = try await client.execute(uri: "/", method: .post, headers: [.contentType: "multipart/form-data; boundary=b"],
                                                     body: ByteBuffer(string: "--b--\r\n"))
            #expect(multipart.status == .unsupportedMediaType)
        }
        #expect(try f.casework.list(for: f.unlock("amina")).isEmpty)
        for (name, bytes) in try f.filesOnDisk() { #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(marker) in \(name)") }
        #expect(!f.logs.all.contains(marker))
        await f.remove()
    }

    @Test("the stylesheet has no left or right: only logical properties, so a right-to-left page mirrors")
    func logicalProperties() {
        let css = Stylesheet.css.lowercased()
        for physical in ["left", "right"] { #expect(!css.contains(physical), "the stylesheet says \(physical)") }
        #expect(css.contains("inset-inline-start") && css.contains("border-inline-start"))
        // System fonts only, reaching every script the pages are written in.
        #expect(!css.contains("@font-face") && !css.contains("url("))
        for stack in ["Noto Sans Devanagari", "Noto Sans Bengali", "Noto Sans Thai", "Noto Naskh Arabic", "Noto Nastaliq Urdu", "Nirmala UI", "Tahoma"] {
            #expect(Stylesheet.css.contains(stack), "\(stack)")
        }
    }

    @Test("Accept-Language's quality values choose the page's language; a regional or script subtag falls back to the language",
          arguments: [("en;q=0.4, ar;q=0.9", Language.ar), ("pt-BR,en;q=0.5", .pt), ("uz-Cyrl", .uz), ("de, sw;q=0.2", .sw), ("de", .en)])
    func negotiated(header: String, language: Language) async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let html = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: header]).text
            #expect(html.contains("<html lang=\"\(language.rawValue)\" dir=\"\(language.direction.rawValue)\">"), "\(header)")
        }
        await f.remove()
    }

    @Test("on the follow-up page showing a case, the language switch sends the receipt again in a POST body, never in a link")
    func switchKeepsTheCase() async throws {
        let f = try ServerFixture()
        let filed = try f.cases.intake.file(Intake(category: "harassment", content: ComplaintContent(description: "switch")))
        try await f.app().test(.router) { client in
            let view = try await client.postForm("/follow-up", [("language", "ur"), ("receipt", filed.receipt.formatted)])
            let html = view.text
            #expect(!html.contains(filed.receipt.formatted + "\"") || html.contains("type=\"hidden\" name=\"receipt\" value=\"\(filed.receipt.formatted)\""))
            for href in html.matches(of: /href="([^"]*)"/) { #expect(!href.1.contains(filed.receipt.formatted), "the receipt in a link: \(href.1)") }
            #expect(html.contains("<form method=\"post\" action=\"/follow-up?lang=th\""))
            #expect(html.contains("<input type=\"hidden\" name=\"language\" value=\"th\"><input type=\"hidden\" name=\"receipt\" value=\"\(filed.receipt.formatted)\">"))
            // Pressing "ไทย" shows the same case in Thai.
            let thai = try await client.postForm("/follow-up?lang=th", [("language", "th"), ("receipt", filed.receipt.formatted)])
            #expect(thai.status == .ok)
            #expect(thai.text.contains("<html lang=\"th\" dir=\"ltr\">"))
            #expect(thai.text.contains(HTML.escape(try Catalog().text("followup.stage", .th))))
            PageTests.expectPlainPage(thai, "the Thai follow-up")
            // Before a receipt is given, the switch is plain links.
            let empty = try await client.execute(uri: "/follow-up?lang=ur", method: .get).text
            #expect(empty.contains("<a href=\"/follow-up?lang=th\" hreflang=\"th\""))
            #expect(!empty.contains("name=\"receipt\" value=\"\(filed.receipt.formatted)\""))
        }
        await f.remove()
    }
}
