import Cases
import Foundation
import Languages

extension Pages {
    /// The intake form, empty or refilled with what was sent and what was wrong with it, or with
    /// a word that the files chosen were left behind (`filesLeft`). Its
    /// language switch at the end sends what was typed along (`POST /`), so nothing is lost;
    /// the links at the top of every page carry nothing.
    func intakeForm(
        _ language: Language, options: IntakeOptions, event preselected: String?, sent: ComplaintSubmission? = nil,
        problems: [FieldProblem] = [], filesLeft: Bool = false, path: String = "/"
    ) -> String {
        let t = { (key: String) in HTML.escape(catalog.text(key, language)) }
        let value = { (field: String) in HTML.escape(sent?.texts[field] ?? "") }
        let problemFor = Dictionary(problems.map { ($0.field, $0.message(catalog, language)) }, uniquingKeysWith: { first, _ in first })
        func invalid(_ field: String) -> String {
            problemFor[field] == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(field)-error\""
        }
        func error(_ field: String) -> String {
            problemFor[field].map { "<p class=\"error\" id=\"\(field)-error\">\(HTML.escape($0))</p>" } ?? ""
        }
        func hint(_ field: String, _ key: String) -> String { "<p class=\"hint\" id=\"\(field)-hint\">\(t(key))</p>" }
        func text(_ field: String, _ label: String, hint hintKey: String? = nil, required: Bool = false) -> String {
            let described = hintKey == nil ? "" : " aria-describedby=\"\(field)-hint\""
            return """
                <div class="field"><label for="\(field)">\(t(label))\(required ? " <span aria-hidden=\"true\">*</span>" : "")</label>\
                \(hintKey.map { hint(field, $0) } ?? "")\(error(field))\
                <input id="\(field)" name="\(field)" type="text" dir="auto" value="\(value(field))"\(required ? " required" : "")\(problemFor[field] == nil ? described : invalid(field))></div>
                """
        }
        func select(_ field: String, _ label: String, none: String?, choices: [(String, String)], selected: String?, required: Bool = false) -> String {
            let options = (none.map { [("", $0)] } ?? []) + choices
            return """
                <div class="field"><label for="\(field)">\(t(label))\(required ? " <span aria-hidden=\"true\">*</span>" : "")</label>\(error(field))\
                <select id="\(field)" name="\(field)"\(required ? " required" : "")\(invalid(field))>\
                \(options.map { "<option value=\"\(HTML.escape($0.0))\"\($0.0 == (selected ?? "") ? " selected" : "")>\(HTML.escape($0.1))</option>" }.joined())\
                </select></div>
                """
        }
        let categoryChoices = options.categories.map { ($0.id, catalog.text("category.\($0.id)", language, fallback: $0.title)) }
        let eventChoices = options.events.map { ($0.slug, "\($0.name) (\($0.starts))") }
        let roleChoices = RespondentRole.allCases.map { ($0.rawValue, catalog.text("role.\($0.rawValue)", language)) }
        let regionChoices = Region.allCases.map { ($0.rawValue, catalog.text("region.\($0.rawValue)", language)) }
        let genderChoices = ReporterGender.allCases.map { ($0.rawValue, catalog.text("gender.\($0.rawValue)", language)) }
        let consents = ["email", "phone", "messaging"].map { channel in
            """
            <div class="check"><input type="checkbox" id="consent_\(channel)" name="consent_\(channel)"\(sent?.contactConsent[channel] == true ? " checked" : "")>\
            <label for="consent_\(channel)">\(t("form.consent.\(channel)"))</label></div>
            """
        }.joined()
        let excluded = Set(sent?.excludeHandlers ?? [])
        let handlers = options.handlers.map { person in
            """
            <div class="check"><input type="checkbox" id="exclude-\(HTML.escape(person.id))" name="exclude_handlers" value="\(HTML.escape(person.id))"\
            \(excluded.contains(person.id) ? " checked" : "")><label for="exclude-\(HTML.escape(person.id))">\(HTML.escape(person.name))</label></div>
            """
        }.joined()
        // After the form's own button, so that Enter in a field still sends the report: the
        // browser's default button is the form's first.
        let languages = Language.allCases.map { other in
            """
            <option value="\(other.rawValue)" lang="\(other.rawValue)" dir="\(other.direction.rawValue)"\(other == language ? " selected" : "")>\
            \(HTML.escape(catalog.text("language.name", other)))</option>
            """
        }.joined()
        let keep = """
            <div class="field keep"><label for="switch_to">\(t("form.keep.label"))</label>\
            <select id="switch_to" name="switch_to">\(languages)</select>\
            <button type="submit" class="secondary" formaction="/" formmethod="post" formenctype="application/x-www-form-urlencoded" formnovalidate>\
            \(t("form.keep.button"))</button></div>
            """
        let summary = problems.isEmpty ? "" : """
            <div class="errors" role="alert" tabindex="-1"><h2>\(t("form.errors"))</h2><ul>\
            \(problems.map { problem -> String in
                let label = Self.labels[problem.field].map { catalog.text($0, language) + ": " } ?? ""
                return "<li><a href=\"#\(HTML.escape(problem.field))\">\(HTML.escape(label + problem.message(catalog, language)))</a></li>"
            }.joined())</ul></div>
            """
        let body = """
            <h1>\(t("site.title"))</h1>
            <p class="lead">\(t("intro.lead"))</p>
            <p>\(t("intro.safe"))</p>
            <p class="danger">\(t("intro.danger"))</p>
            <p><a href="/follow-up?lang=\(language.rawValue)">\(t("nav.followup"))</a></p>
            \(summary)\(filesLeft ? "<p class=\"notice\" role=\"status\"><a href=\"#attachments\">\(t("form.keep.files"))</a></p>" : "")
            <form method="post" action="/complaints?lang=\(language.rawValue)" accept-charset="utf-8" enctype="multipart/form-data">
            <input type="hidden" name="language" value="\(language.rawValue)">
            <fieldset><legend>\(t("form.legend.what"))</legend>
            \(select("category", "form.category", none: catalog.text("form.category.choose", language), choices: categoryChoices,
                     selected: sent?.texts["category"], required: true))
            \(select("event", "form.event", none: catalog.text("form.event.none", language), choices: eventChoices,
                     selected: sent?.texts["event"] ?? preselected))
            <div class="field"><label for="description">\(t("form.description")) <span aria-hidden="true">*</span></label>\
            \(hint("description", "form.description.hint"))\(error("description"))\
            <textarea id="description" name="description" rows="8" dir="auto" required\(problemFor["description"] == nil ? " aria-describedby=\"description-hint\"" : invalid("description"))>\(value("description"))</textarea></div>
            \(text("occurred", "form.occurred", hint: "form.occurred.hint"))
            \(text("location", "form.location"))
            <div class="field"><label for="attachments">\(t("form.attachments"))</label>\
            <p class="hint" id="attachments-hint">\(HTML.escape(catalog.text("form.attachments.hint", language, values: [
                "count": String(AttachmentSealer.maximumCount), "megabytes": String(AttachmentSealer.maximumBytes / (1024 * 1024))])))</p>\
            \(error("attachments"))<input id="attachments" name="attachments" type="file" multiple aria-describedby="attachments-hint"></div>
            <div class="check urgent"><input type="checkbox" id="urgent" name="urgent"\(sent?.urgent == true ? " checked" : "")><label for="urgent">\(t("form.urgent"))</label></div>
            </fieldset>
            <fieldset><legend>\(t("form.legend.who"))</legend>
            \(text("respondent", "form.respondent", hint: "form.respondent.hint"))
            \(select("respondent_role", "form.respondent_role", none: catalog.text("form.respondent_role.unknown", language), choices: roleChoices,
                     selected: sent?.texts["respondent_role"]))
            <div class="field"><label for="witnesses">\(t("form.witnesses"))</label>\(error("witnesses"))\
            <textarea id="witnesses" name="witnesses" rows="3" dir="auto"\(invalid("witnesses"))>\(value("witnesses"))</textarea></div>
            </fieldset>
            <fieldset><legend>\(t("form.legend.you"))</legend>
            \(text("reporter_name", "form.reporter_name"))
            \(text("reporter_contact", "form.reporter_contact", hint: "form.reporter_contact.hint"))
            <fieldset class="inner"><legend>\(t("form.consent"))</legend>\(consents)</fieldset>
            \(select("gender", "form.gender", none: catalog.text("form.gender.none", language), choices: genderChoices, selected: sent?.texts["gender"]))
            \(select("region", "form.region", none: catalog.text("form.region.none", language), choices: regionChoices, selected: sent?.texts["region"]))
            </fieldset>
            \(handlers.isEmpty ? "" : "<fieldset><legend>\(t("form.legend.exclude"))</legend>\(hint("exclude", "form.exclude.hint"))\(error("exclude_handlers"))\(handlers)</fieldset>")
            <button type="submit">\(t("form.submit"))</button>
            \(keep)
            </form>
            <details class="coc"><summary>\(t("coc.title"))</summary>\(codeOfConduct.html(language))</details>
            """
        return layout(language, title: catalog.text("site.title", language), path: path, body: body)
    }

    /// The catalogue key of each field's label, to name the field in the summary of errors.
    static let labels = [
        "category": "form.category", "event": "form.event", "description": "form.description", "occurred": "form.occurred",
        "location": "form.location", "attachments": "form.attachments", "respondent": "form.respondent",
        "respondent_role": "form.respondent_role", "witnesses": "form.witnesses", "reporter_name": "form.reporter_name",
        "reporter_contact": "form.reporter_contact", "gender": "form.gender", "region": "form.region", "exclude_handlers": "form.legend.exclude",
    ]
}
