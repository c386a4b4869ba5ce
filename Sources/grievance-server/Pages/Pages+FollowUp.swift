import Cases
import Foundation
import Languages

extension Pages {
    /// The follow-up page: the receipt form, and once a receipt matched, the stage, the messages
    /// and a reply box. The receipt travels only in the body of POST requests, never in a URL.
    func followUp(_ language: Language, receipt: String = "", view: ReporterView? = nil, problem: String? = nil) -> String {
        let t = { (key: String) in HTML.escape(catalog.text(key, language)) }
        let problemHTML = problem.map { "<div class=\"errors\" role=\"alert\"><p id=\"receipt-error\">\(HTML.escape($0))</p></div>" } ?? ""
        var body = """
            <h1>\(t("followup.title"))</h1>
            \(problemHTML)
            <form method="post" action="/follow-up?lang=\(language.rawValue)" accept-charset="utf-8">
            <input type="hidden" name="language" value="\(language.rawValue)">
            <div class="field"><label for="receipt">\(t("followup.receipt"))</label><p class="hint" id="receipt-hint">\(HTML.escape(catalog.text("followup.receipt.hint", language, values: ["count": String(Receipt.characterCount)])))</p>\
            <input id="receipt" name="receipt" type="text" dir="ltr" autocomplete="off" autocapitalize="characters" spellcheck="false" value="\(HTML.escape(receipt))" \
            required aria-describedby="receipt-hint\(problem == nil ? "" : " receipt-error")"\(problem == nil ? "" : " aria-invalid=\"true\"")></div>
            <button type="submit">\(t("followup.submit"))</button>
            </form>
            """
        if let view {
            let messages = view.messages.isEmpty ? "<p>\(t("followup.none"))</p>" : "<ol class=\"messages\">" + view.messages.map { message in
                let from = message.author == "reporter" ? "followup.from.reporter" : "followup.from.handler"
                let stamp = message.createdAt.formatted(.iso8601)
                let text = HTML.escape(message.text).replacingOccurrences(of: "\n", with: "<br>")
                return """
                    <li class="\(message.author == "reporter" ? "mine" : "theirs")"><p class="meta">\(t(from)) · \
                    <time datetime="\(stamp)" dir="ltr">\(HTML.escape(Self.day(message.createdAt)))</time></p><p dir="auto">\(text)</p></li>
                    """
            }.joined() + "</ol>"
            body += """
                <section aria-labelledby="stage-title"><h2 id="stage-title">\(t("followup.stage"))</h2>
                <p class="stage">\(HTML.escape(catalog.text("stage.\(view.stage)", language, fallback: view.stageTitle)))</p></section>
                <section aria-labelledby="messages-title"><h2 id="messages-title">\(t("followup.messages"))</h2>\(messages)</section>
                <form method="post" action="/follow-up?lang=\(language.rawValue)" accept-charset="utf-8">
                <input type="hidden" name="language" value="\(language.rawValue)">
                <input type="hidden" name="receipt" value="\(HTML.escape(receipt))">
                <div class="field"><label for="text">\(t("followup.reply"))</label><textarea id="text" name="text" rows="5" dir="auto" required></textarea></div>
                <button type="submit">\(t("followup.send"))</button>
                </form>
                """
        }
        body += "<p><a href=\"/?lang=\(language.rawValue)\">\(t("nav.report"))</a></p>"
        // Once a case is shown, the language switch carries the receipt in a POST body.
        return layout(language, title: catalog.text("followup.title", language), path: "/follow-up", body: body, receipt: view == nil ? nil : receipt)
    }

    private static func day(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).year().month().day())
    }
}
