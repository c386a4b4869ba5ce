import Cases
import Foundation
import HTTPTypes
import Hummingbird
import Languages

/// The server-rendered pages: no script, no cookies, nothing from elsewhere, one small
/// stylesheet from this server. Every page is whole without JavaScript and under 30 KB.
struct Pages: Sendable {
    let catalog: Catalog
    let codeOfConduct: CodeOfConduct

    /// The frame every page shares: language and direction, title, the language switch, the
    /// page's own body. On the receipt page and the follow-up page showing a case, `receipt` is
    /// set and the switch sends it in a POST body to the case's follow-up page, so the reporter
    /// changes language without losing or retyping it, and the receipt is never in a link.
    func layout(_ language: Language, title: String, path: String, body: String, receipt: String? = nil) -> String {
        let t = { (key: String) in HTML.escape(catalog.text(key, language)) }
        let switcher = Language.allCases.map { other in
            // Each name in its own language and script, whichever way the page runs.
            let name = "lang=\"\(other.rawValue)\" dir=\"\(other.direction.rawValue)\">\(HTML.escape(catalog.text("language.name", other)))"
            if other == language { return "<li><span aria-current=\"true\" \(name)</span></li>" }
            guard let receipt else {
                return "<li><a href=\"\(HTML.escape(path))?lang=\(other.rawValue)\" hreflang=\"\(other.rawValue)\" \(name)</a></li>"
            }
            return """
                <li><form method="post" action="/follow-up?lang=\(other.rawValue)" accept-charset="utf-8">\
                <input type="hidden" name="language" value="\(other.rawValue)"><input type="hidden" name="receipt" value="\(HTML.escape(receipt))">\
                <button type="submit" class="link" \(name)</button></form></li>
                """
        }.joined()
        return """
            <!doctype html>
            <html lang="\(language.rawValue)" dir="\(language.direction.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>\(HTML.escape(title)) — \(t("site.title"))</title>
            <link rel="stylesheet" href="/static/style.css">
            <link rel="icon" href="/static/icon.svg" type="image/svg+xml">
            </head>
            <body>
            <a class="skip" href="#main">\(t("site.skip"))</a>
            <header>
            <nav aria-label="\(t("nav.languages"))"><ul class="languages">\(switcher)</ul></nav>
            </header>
            <main id="main">
            \(body)
            </main>
            </body>
            </html>

            """
    }

    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
