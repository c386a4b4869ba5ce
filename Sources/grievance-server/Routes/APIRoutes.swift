import Cases
import Foundation
import Hummingbird
import Languages
import Logging

/// The JSON API (`docs/openapi.yaml`): filing, following up, and the choices the form offers.
struct APIRoutes: Sendable {
    let intake: IntakeService
    let limits: RateLimits
    let deadlines: BodyDeadlines

    /// Every endpoint of the JSON API, as docs/openapi.yaml lists them (a test holds the two together).
    static let endpoints: [(method: String, path: String)] = [
        ("post", "/api/v1/complaints"), ("post", "/api/v1/follow-up"), ("post", "/api/v1/follow-up/messages"),
        ("get", "/api/v1/intake-options"), ("get", "/healthz"),
    ]

    func register(on router: Router<IntakeRequestContext>, in table: RouteTable) {
        table.on(router, "/api/v1/complaints", .post) { request, context in try await file(request, context: context) }
        table.on(router, "/api/v1/follow-up", .post) { request, context in try await followUp(request, context: context) }
        table.on(router, "/api/v1/follow-up/messages", .post) { request, context in try await reply(request, context: context) }
        table.on(router, "/api/v1/intake-options", .get) { _, _ in try await options() }
        table.on(router, "/healthz", .get) { _, _ in "ok\n" }
    }

    func file(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try await limits.admitFiling(request, context)
        let submission = ComplaintSubmission(json: try await RequestBodies.json(request, context: context, within: deadlines.body))
        let filed = try await IntakeCalls.file(submission, intake: intake, logger: context.logger)
        return try JSONResponse.make(.created, APIAnswers.Filed(filed))
    }

    func followUp(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try await limits.admitFollowUp(request, context)
        let body = try await RequestBodies.json(request, context: context, within: deadlines.body)
        let receipt = try Self.receipt(in: body, allowing: ["receipt"])
        return try JSONResponse.make(.ok, APIAnswers.FollowUp(try await IntakeCalls.followUp(receipt, intake: intake)))
    }

    func reply(_ request: Request, context: IntakeRequestContext) async throws -> Response {
        try await limits.admitFollowUp(request, context)
        try limits.disk.admit()
        let body = try await RequestBodies.json(request, context: context, within: deadlines.body)
        let receipt = try Self.receipt(in: body, allowing: ["receipt", "text"])
        guard case .string(let text)? = body["text"] else { throw APIError.invalid(FieldProblem("text", body["text"] == nil ? .required : .mustBeText)) }
        return try JSONResponse.make(.created, APIAnswers.FollowUp(try await IntakeCalls.reply(receipt, text: text, intake: intake)))
    }

    func options() async throws -> Response {
        let options = try await intake.run { try $0.intakeOptions() }
        return try JSONResponse.make(.ok, APIAnswers.Options(options, languages: Language.allCases.map(\.rawValue)))
    }

    private static func receipt(in body: [String: JSONValue], allowing fields: Set<String>) throws(APIError) -> Receipt {
        if let unknown = body.keys.sorted().first(where: { !fields.contains($0) }) { throw .invalid(FieldProblem(unknown, .notAField)) }
        guard case .string(let text)? = body["receipt"] else { throw .invalid(FieldProblem("receipt", body["receipt"] == nil ? .required : .mustBeText)) }
        do {
            return try Receipt(parsing: text)
        } catch {
            throw .invalid(FieldProblem("receipt", .receipt))
        }
    }
}
