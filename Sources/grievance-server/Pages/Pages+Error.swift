import Hummingbird
import Languages

/// The page for a failure outside the API.
extension Pages {
    func error(_ error: APIError, language: Language) -> Response {
        let t = { (key: String) in HTML.escape(catalog.text(key, language)) }
        let message = switch error.status {
        case .tooManyRequests: t("error.rate")
        case .notFound: t("error.notfound")
        case _ where error.status.code >= 500: t("error.generic")
        case _ where !error.fields.isEmpty: error.fields.map { HTML.escape($0.message(catalog, language)) }.joined(separator: " ")
        // A refusal no catalogue words (a body the server could not read) is in English, marked so.
        default: "<span lang=\"en\" dir=\"ltr\">\(HTML.escape(error.message))</span>"
        }
        let body = """
            <h1>\(t("error.title"))</h1>
            <p role="alert">\(message)</p>
            <p><a href="/?lang=\(language.rawValue)">\(t("error.back"))</a></p>
            """
        var response = Pages.response(layout(language, title: catalog.text("error.title", language), path: "/", body: body), status: error.status)
        for field in error.headers { response.headers[field.name] = field.value }
        return response
    }
}
