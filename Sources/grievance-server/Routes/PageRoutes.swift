import Cases
import Hummingbird
import Languages

/// The pages a reporter uses: the form (also at an event's own link), the receipt, the
/// follow-up. They call Cases exactly as the API does, through `IntakeCalls`.
struct PageRoutes: Sendable {
    let intake: IntakeService
    let pages: Pages
    let limits: RateLimits
    let deadlines: BodyDeadlines
    let uploads: UploadBudget

    func register(on router: Router<IntakeRequestContext>, in table: RouteTable) {
        table.on(router, "/", .get) { request, _ in try await form(request, event: nil, path: "/") }
        table.on(router, "/", .post) { request, context in try await refill(request, context: context) }
        table.on(router, "/e/:slug", .get) { request, context in
            let slug = try context.parameters.require("slug")
            return try await form(request, event: slug, path: "/e/\(slug)")
        }
        table.on(router, "/complaints", .post) { request, context in try await file(request, context: context) }
        table.on(router, "/follow-up", .get) { request, _ in Pages.response(pages.followUp(Language.preferred(request))) }
        table.on(router, "/follow-up", .post) { request, context in try await followUp(request, context: context) }
        table.on(router, "/static/style.css", .get) { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        for path in ["/static/icon.svg", "/favicon.ico"] {
            table.on(router, path, .get) { _, _ in
                Response(status: .ok, headers: [.contentType: "image/svg+xml"], body: .init(byteBuffer: ByteBuffer(string: SiteIcon.svg)))
            }
        }
    }

    private func form(_ request: Request, event: String?, path: String) async throws -> Response {
        let options = try await intake.run { try $0.intakeOptions() }
        if let event, !options.events.contains(where: { $0.slug == event }) { throw APIError.notFound }
        return Pages.response(pages.intakeForm(Language.preferred(request), options: options, event: event, path: path))
    }

    /// The form again, in the language chosen at its end, with what the reporter had typed:
    /// nothing is filed, kept or logged, and nothing is checked, so no error shows. Files chosen
    /// are not sent along (the switch sends the form urlencoded, with their names only), and no
    /// page can choose them again: the form says so. Sent from another site, it comes back empty.
    private func refill(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        let fields = request.comesFromAnotherSite ? [] : try await RequestBodies.form(request, context: context, within: deadlines.body)
        let chosen = { (name: String) in fields.last { $0.name == name }.flatMap { Language(rawValue: $0.value) } }
        let language = chosen("switch_to") ?? chosen("language") ?? Language.preferred(request)
        let filesLeft = fields.contains { $0.name == "attachments" && !$0.value.isEmpty }
        let options = try await intake.run { try $0.intakeOptions() }
        return Pages.response(pages.intakeForm(language, options: options, event: nil, sent: ComplaintSubmission(form: fields), filesLeft: filesLeft))
    }

    private func file(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try await limits.admitFiling(request, context)
        // The form is multipart when it carries files; a browser without a file may send either.
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("multipart/form-data") else {
            let fields = try await RequestBodies.form(request, context: context, alsoAccepted: "multipart/form-data", within: deadlines.body)
            return try await file(fields: fields, attachments: [], request, context: context)
        }
        // A form too small to hold a file of any size goes straight on; one that may carry files
        // takes its places in the upload budget: one to be received (its deadline counted from
        // then), one to be filed.
        let small = request.headers[.contentLength].flatMap { Int($0) }.map { $0 <= APILimits.formBodyBytes } ?? false
        let desk = intake.desk
        let receive = { @Sendable in
            try await MultipartForm.read(request, contentType: contentType, within: deadlines.upload) { name, type in
                try desk.attachmentSealer(name: name, contentType: type)
            }
        }
        let form = small ? try await receive() : try await uploads.receiving.withPlace(within: uploads.receivingWait, receive)
        if form.attachments.isEmpty {
            return try await file(fields: form.fields, attachments: [], request, context: context)
        }
        // Filed, refused or turned away while it waited for its place: its spool files go.
        defer { form.discard() }
        // The wait is bounded by the place ahead: one filing's commit at a time.
        return try await uploads.filing.withPlace(within: deadlines.upload) {
            try await file(fields: form.fields, attachments: form.attachments, request, context: context)
        }
    }

    private func file(
        fields: [(name: String, value: String)], attachments: [SealedAttachment], _ request: Request, context: IntakeRequestContext
    ) async throws -> Response {
        // Filed or not, the spooled ciphertext is no longer needed once this ends.
        defer { attachments.forEach { $0.discard() } }
        let language = fields.last { $0.name == "language" }.flatMap { Language(rawValue: $0.value) } ?? Language.preferred(request)
        let submission = ComplaintSubmission(form: fields)
        do {
            let filed = try await IntakeCalls.file(submission, attachments: attachments, intake: intake, logger: context.logger)
            return Pages.response(pages.receipt(language, filed: filed), status: .created)
        } catch let error as APIError where !error.fields.isEmpty {
            let options = try await intake.run { try $0.intakeOptions() }
            // Sent from another site, the form comes back with its problems but none of its values.
            let sent = request.comesFromAnotherSite ? nil : submission
            return Pages.response(pages.intakeForm(language, options: options, event: nil, sent: sent, problems: error.fields),
                                  status: error.status)
        }
    }

    private func followUp(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try await limits.admitFollowUp(request, context)
        let fields = try await RequestBodies.form(request, context: context, within: deadlines.body)
        let language = fields.last { $0.name == "language" }.flatMap { Language(rawValue: $0.value) } ?? Language.preferred(request)
        let typed = fields.last { $0.name == "receipt" }?.value ?? ""
        let unknown = pages.catalog.text("followup.unknown", language)
        // A receipt that is mistyped or matches nothing is a normal moment for a reporter, not a
        // failure of the page: the same kind words, with the page's usual 200.
        guard let receipt = try? Receipt(parsing: typed) else {
            return Pages.response(pages.followUp(language, receipt: typed, problem: unknown))
        }
        let text = fields.last { $0.name == "text" }?.value
        if text != nil { try limits.disk.admit() }
        do {
            let view: ReporterView
            if let text {
                view = try await IntakeCalls.reply(receipt, text: text, intake: intake)
            } else {
                view = try await IntakeCalls.followUp(receipt, intake: intake)
            }
            return Pages.response(pages.followUp(language, receipt: receipt.formatted, view: view), status: text == nil ? .ok : .created)
        } catch let error as APIError where error.code == "unknown_receipt" {
            return Pages.response(pages.followUp(language, receipt: typed, problem: unknown))
        }
    }
}
