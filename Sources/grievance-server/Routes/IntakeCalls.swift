import Cases
import Logging
import Metrics

/// The Cases calls both the API and the pages make, with Cases' refusals turned into the
/// client's errors. Logs say what happened, never what was written, by whom or from where.
enum IntakeCalls {
    static func file(
        _ submission: ComplaintSubmission, attachments: [SealedAttachment] = [], intake: IntakeService, logger: Logger
    ) async throws -> FiledCase {
        let request = try submission.intake()
        let filed = try await call(intake) { try $0.file(request, attachments: attachments) }
        logger.info("complaint filed", metadata: ["category": .string(request.category), "urgent": .stringConvertible(request.urgent),
                                                  "attachments": .stringConvertible(attachments.count)])
        IntakeMetrics.filed.increment()
        // Committed: now, and never before, the safeguarding leads may be told (in the background).
        intake.announce(filed, logger: logger)
        return filed
    }

    static func followUp(_ receipt: Receipt, intake: IntakeService) async throws -> ReporterView {
        let view = try await call(intake) { try $0.followUp(receipt: receipt) }
        IntakeMetrics.followUps.increment()
        return view
    }

    static func reply(_ receipt: Receipt, text: String, intake: IntakeService) async throws -> ReporterView {
        let view = try await call(intake) { try $0.addReporterMessage(receipt: receipt, text: text) }
        IntakeMetrics.replies.increment()
        return view
    }

    private static func call<T: Sendable>(_ intake: IntakeService, _ body: @escaping @Sendable (IntakeDesk) throws -> T) async throws -> T {
        do {
            return try await intake.run(body)
        } catch let error as CasesError {
            if let (field, problem) = error.fieldProblem { throw APIError.invalid(FieldProblem(field, problem)) }
            if error.isUnavailable { throw APIError.unavailable }
            if error == .noCaseForReceipt {
                IntakeMetrics.unknownReceipts.increment()
                throw APIError.unknownReceipt
            }
            throw error
        }
    }
}
