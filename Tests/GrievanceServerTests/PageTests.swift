import Cases
import CasesTesting
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Languages
import Testing

@testable import grievance_server

@Suite("Pages: the form, the receipt, the follow-up")
struct PageTests {
    static let titles: [Language: String] = [.en: "Report a concern", .ru: "Сообщить о проблеме", .es: "Informar de un problema",
                                             .fr: "Signaler un problème"]

    /// What every page must be: HTML, small, self-contained, without script, every input labelled.
    static func expectPlainPage(_ response: TestResponse, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let html = response.text
        #expect(response.headers[.contentType] == "text/html; charset=utf-8", sourceLocation: sourceLocation)
        #expect(response.body.readableBytes < 30_000, "\(what): \(response.body.readableBytes) bytes", sourceLocation: sourceLocation)
        #expect(!html.contains("<script"), sourceLocation: sourceLocation)
        #expect(!html.contains("http://") && !html.contains("https://"), "\(what) loads or links elsewhere", sourceLocation: sourceLocation)
        #expect(!html.contains("style="), "\(what): inline styles would break the CSP", sourceLocation: sourceLocation)
        #expect(response.headers[.setCookie] == nil, sourceLocation: sourceLocation)
        // Every visible input, select and textarea has a label naming its id.
        let ids = html.matches(of: /<(?:input|select|textarea) id="([^"]+)"/).map { String($0.1) }
        for id in ids { #expect(html.contains("<label for=\"\(id)\""), "\(what): #\(id) has no label", sourceLocation: sourceLocation) }
    }

    @Test("the form speaks the reader's language, by Accept-Language or by the switch, with the Code of Conduct")
    func languages() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            for language in Language.allCases {
                for (uri, headers) in [("/", [HTTPField.Name.acceptLanguage: "\(language.rawValue)-XX,en;q=0.5"] as HTTPFields),
                                       ("/?lang=\(language.rawValue)", [.acceptLanguage: "de"])] {
                    let response = try await client.execute(uri: uri, method: .get, headers: headers)
                    #expect(response.status == .ok)
                    #expect(response.text.contains("<html lang=\"\(language.rawValue)\" dir=\"\(language.direction.rawValue)\">"), "\(uri)")
                    if let title = Self.titles[language] { #expect(response.text.contains(title)) }
                    #expect(language == .en || !response.text.contains(Self.titles[.en]!), "\(language): the English title on a translated page")
                    #expect(response.text.contains("<details class=\"coc\">"))
                    Self.expectPlainPage(response, "the \(language) form")
                }
            }
            let russian = try await client.execute(uri: "/?lang=ru", method: .get).text
            #expect(russian.contains("Сексуальные домогательства"))
            #expect(russian.contains("Кодекс поведения"))
            #expect(russian.contains("Amina"))
        }
        await f.remove()
    }

    @Test("an event's own link preselects it; an unknown event is a 404 page")
    func eventLink() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let response = try await client.execute(uri: "/e/congress-2027", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("<option value=\"congress-2027\" selected>"))
            let plain = try await client.execute(uri: "/", method: .get)
            #expect(!plain.text.contains("<option value=\"congress-2027\" selected>"))
            let missing = try await client.execute(uri: "/e/nowhere", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            #expect(missing.text.contains("There is nothing at this address"))
            Self.expectPlainPage(missing, "the not-found page")
        }
        await f.remove()
    }

    @Test("filing through the form: the receipt page in the reporter's language, and the case as sent")
    func fileThroughForm() async throws {
        let f = try ServerFixture()
        let marker = "FORMMARK-\(UUID().uuidString)"
        try await f.app().test(.router) { client in
            let response = try await client.postForm("/complaints", [
                ("language", "es"), ("category", "sexual-harassment"), ("event", "congress-2027"), ("description", "\(marker)\nsecond line"),
                ("respondent", "\(marker)-r"), ("reporter_contact", "\(marker)@example.org"), ("consent_email", "on"),
                ("exclude_handlers", "sofia"), ("urgent", "on"), ("region", "latin-america"),
            ])
            #expect(response.status == .created)
            #expect(response.text.contains("<html lang=\"es\" dir=\"ltr\">"))
            #expect(response.text.contains("Hemos recibido su denuncia"))
            Self.expectPlainPage(response, "the receipt page")
            let receipt = try #require(response.text.firstMatch(of: /<strong>([0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5})<\/strong>/)?.1)
            let reference = try #require(response.text.firstMatch(of: /GRV-[0-9A-Z]{8}/)?.0)
            let view = try f.casework.show(try CaseReference(parsing: String(reference)), as: f.unlock("amina"))
            #expect(view.complaint.description == "\(marker)\nsecond line")
            #expect(view.complaint.contactConsent == ["email": true])
            #expect(view.summary.urgent)
            #expect(view.summary.language == "es")
            // Urgent goes to the safeguarding lead at once; the reporter excluded her, and that wins.
            #expect(!view.keyHolders.contains("sofia"))
            #expect(!f.logs.all.contains(String(receipt)))
            #expect(!f.logs.all.contains(marker))
        }
        await f.remove()
    }

    @Test("a form with mistakes comes back with every value kept, escaped, and each problem beside its field")
    func formErrors() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let hostile = "<script>alert(1)</script>\"'&"
            let response = try await client.postForm("/complaints", [
                ("language", "fr"), ("category", ""), ("description", ""), ("respondent", hostile), ("consent_phone", "on"),
            ])
            #expect(response.status == .unprocessableContent)
            let html = response.text
            #expect(html.contains("<html lang=\"fr\" dir=\"ltr\">"))
            #expect(html.contains("role=\"alert\""))
            #expect(html.contains("href=\"#category\""))
            #expect(html.contains("href=\"#description\""))
            #expect(html.contains("id=\"description-error\""))
            #expect(html.contains("aria-invalid=\"true\""))
            #expect(!html.contains(hostile))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"))
            #expect(html.contains("id=\"consent_phone\" name=\"consent_phone\" checked"))
            Self.expectPlainPage(response, "the form with errors")
        }
        #expect(try f.casework.list(for: f.unlock("amina")).isEmpty)
        await f.remove()
    }

    @Test("the follow-up page: the stage and messages for a receipt, a reply, and a kind refusal for a wrong one")
    func followUp() async throws {
        let f = try ServerFixture()
        let filed = try f.cases.intake.file(Intake(category: "harassment", content: ComplaintContent(description: "follow-up page")))
        try f.casework.messageReporter(filed.reference, text: "Hello <b>there</b>", by: f.unlock("amina"))
        try await f.app().test(.router) { client in
            let empty = try await client.execute(uri: "/follow-up?lang=ru", method: .get)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("<html lang=\"ru\" dir=\"ltr\">"))
            Self.expectPlainPage(empty, "the follow-up page")

            var response = try await client.postForm("/follow-up", [("language", "en"), ("receipt", filed.receipt.formatted.lowercased())])
            #expect(response.status == .ok)
            #expect(response.text.contains("Received"))
            #expect(response.text.contains("Hello &lt;b&gt;there&lt;/b&gt;"))
            Self.expectPlainPage(response, "the follow-up page with a case")

            response = try await client.postForm("/follow-up", [("language", "en"), ("receipt", filed.receipt.formatted), ("text", "My answer")])
            #expect(response.status == .created)
            #expect(response.text.contains("My answer"))

            response = try await client.postForm("/follow-up", [("language", "fr"), ("receipt", Receipt.generate().formatted)])
            #expect(response.status == .ok)
            #expect(response.text.contains("aria-invalid=\"true\""))
            #expect(response.text.contains("Aucun signalement ne correspond"))
            response = try await client.postForm("/follow-up", [("language", "fr"), ("receipt", "nonsense")])
            #expect(response.status == .ok)
            #expect(response.text.contains("Aucun signalement ne correspond"))
            // The receipt is never in a URL, so never in a proxy's log or the browser's history.
            #expect(!response.text.contains("?receipt"))
        }
        await f.remove()
    }

    @Test("every catalogue has every key, and every category and stage of the procedure has a title in each language")
    func catalogues() throws {
        let catalog = try Catalog()
        let procedure = try ProcedureLoader.load(contentsOf: CasesFixture.policies.appendingPathComponent("grievance-procedure.yaml"))
        for language in Language.allCases {
            for category in procedure.categories {
                #expect(catalog.text("category.\(category.id)", language, fallback: "MISSING") != "MISSING", "\(language) \(category.id)")
            }
            for stage in procedure.stages {
                #expect(catalog.text("stage.\(stage.id)", language, fallback: "MISSING") != "MISSING", "\(language) \(stage.id)")
            }
            if language != .en { #expect(catalog.text("form.submit", language) != catalog.text("form.submit", .en)) }
        }
    }
}
