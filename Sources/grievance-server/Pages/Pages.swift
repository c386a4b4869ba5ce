import Cases
import Foundation
import HTTPTypes
import Hummingbird

/// The server-rendered pages: no script, no cookies, nothing from elsewhere, one small
/// stylesheet from this server. Every page is whole without JavaScript and under 30 KB.
struct Pages: Sendable {
    let catalog: Catalog
    let codeOfConduct: CodeOfConduct

    /// The frame every page shares: language, title, the language switch, the page's own body.
    func layout(_ language: Language, title: String, path: String, body: String) -> String {
        let t = { (key: String) in HTML.escape(catalog.text(key, language)) }
        let switcher = Language.allCases.map { other in
            other == language
                ? "<li><span aria-current=\"true\" lang=\"\(other.rawValue)\">\(HTML.escape(catalog.text("language.name", other)))</span></li>"
                : "<li><a href=\"\(HTML.escape(path))?lang=\(other.rawValue)\" lang=\"\(other.rawValue)\" hreflang=\"\(other.rawValue)\">\(HTML.escape(catalog.text("language.name", other)))</a></li>"
        }.joined()
        return """
            <!doctype html>
            <html lang="\(language.rawValue)">
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
            <nav aria-label="Language"><ul class="languages">\(switcher)</ul></nav>
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
