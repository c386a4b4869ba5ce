import Cases
import Foundation
import Hummingbird
import Logging

/// The JSON API (`docs/openapi.yaml`): filing, following up, and the choices the form offers.
struct APIRoutes: Sendable {
    let intake: IntakeService
    let limits: RateLimits

    /// Every endpoint of the JSON API, as docs/openapi.yaml lists them (a test holds the two together).
    static let endpoints: [(method: String, path: String)] = [
        ("post", "/api/v1/complaints"), ("post", "/api/v1/follow-up"), ("post", "/api/v1/follow-up/messages"),
        ("get", "/api/v1/intake-options"), ("get", "/healthz"),
    ]

    func register(on router: Router<IntakeRequestContext>) {
        let api = router.group("api/v1")
        api.post("complaints") { request, context in try await file(request, context: context) }
        api.post("follow-up") { request, context in try await followUp(request, context: context) }
        api.post("follow-up/messages") { request, context in try await reply(request, context: context) }
        api.get("intake-options") { _, _ in try await options() }
    }

    func file(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try await limits.admitFiling(request, context)
        let submission = ComplaintSubmission(json: try await RequestBodies.json(request, context: context))
        let filed = try await IntakeCalls.file(submission, intake: intake, logger: context.logger)
        return try JSONResponse.make(.created, ["reference": filed.reference, "receipt": filed.receipt.formatted, "stage": filed.stage])
    }

    func followUp(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try await limits.admitFollowUp(request, context)
        let body = try await RequestBodies.json(request, context: context)
        let receipt = try Self.receipt(in: body, allowing: ["receipt"])
        let view = try await IntakeCalls.followUp(receipt, intake: intake)
        return try JSONResponse.make(.ok, Self.render(view))
    }

    func reply(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try await limits.admitFollowUp(request, context)
        let body = try await RequestBodies.json(request, context: context)
        let receipt = try Self.receipt(in: body, allowing: ["receipt", "text"])
        guard case .string(let text)? = body["text"] else { throw APIError.invalid("text", "is required, as a string") }
        let view = try await IntakeCalls.reply(receipt, text: text, intake: intake)
        return try JSONResponse.make(.created, Self.render(view))
    }

    func options() async throws -> Response {
        let options = try await intake.run { try $0.intakeOptions() }
        return try JSONResponse.make(.ok, [
            "events": options.events.map { event -> [String: Any] in
                ["slug": event.slug, "name": event.name, "type": event.kind.rawValue, "starts": event.starts, "ends": event.ends,
                 "online": event.online, "city": event.city ?? NSNull(), "country": event.country ?? NSNull()]
            },
            "categories": options.categories.map { ["id": $0.id, "title": $0.title] },
            "languages": Language.allCases.map(\.rawValue),
            "handlers": options.handlers.map { ["id": $0.id, "name": $0.name] },
        ])
    }

    private static func receipt(in body: [String: JSONValue], allowing fields: Set<String>) throws(APIError) -> Receipt {
        if let unknown = body.keys.sorted().first(where: { !fields.contains($0) }) { throw .invalid(unknown, "is not a field of this request") }
        guard case .string(let text)? = body["receipt"] else { throw .invalid("receipt", "is required, as a string") }
        do {
            return try Receipt(parsing: text)
        } catch {
            throw .invalid("receipt", "must be 20 letters and digits, as on the receipt (dashes and spaces are ignored)")
        }
    }

    static func render(_ view: ReporterView) -> [String: Any] {
        [
            "reference": view.reference, "stage": view.stage, "stage_title": view.stageTitle,
            "messages": view.messages.map { message -> [String: Any] in
                ["from": message.author, "text": message.text, "at": message.createdAt.formatted(.iso8601)]
            },
        ]
    }
}
