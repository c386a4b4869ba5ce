import Cases
import Languages

extension Pages {
    /// Shown once, after filing: the receipt, large, with what it is for.
    func receipt(_ language: Language, filed: FiledCase) -> String {
        let t = { (key: String) in HTML.escape(catalog.text(key, language)) }
        let body = """
            <h1>\(t("receipt.title"))</h1>
            <p>\(t("receipt.keep"))</p>
            <p class="receipt" dir="ltr" aria-label="\(t("followup.receipt"))"><strong>\(HTML.escape(filed.receipt.formatted))</strong></p>
            <p>\(t("receipt.why"))</p>
            <p>\(t("receipt.reference")): <bdi class="reference" dir="ltr">\(HTML.escape(filed.reference.rawValue))</bdi></p>
            \(filed.stageDue.map { "<p>\(HTML.escape(catalog.text("receipt.next", language, values: ["within": catalog.within($0, language)])))</p>" } ?? "")
            <p><a href="/follow-up?lang=\(language.rawValue)">\(t("nav.followup"))</a></p>
            """
        // The switch sends the receipt in a POST body, to the case's follow-up page in the other
        // language: a link would lose the receipt, which is shown only here.
        return layout(language, title: catalog.text("receipt.title", language), path: "/follow-up", body: body, receipt: filed.receipt.formatted)
    }
}
