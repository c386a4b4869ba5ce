import Cases
import Foundation

/// The JSON answers of the API (docs/openapi.yaml), each an `Encodable` value.
enum APIAnswers {
    /// `201` to a filing: the reference, the receipt (shown once), the stage.
    struct Filed: Encodable {
        let reference: CaseReference
        let receipt: String
        let stage: String

        init(_ filed: FiledCase) {
            reference = filed.reference
            receipt = filed.receipt.formatted
            stage = filed.stage
        }
    }

    /// What a receipt opens: the stage and the messages, never notes.
    struct FollowUp: Encodable {
        struct Message: Encodable {
            let from: String
            let text: String
            let at: Date
        }

        let reference: CaseReference
        let stage: String
        let stageTitle: String
        let messages: [Message]

        init(_ view: ReporterView) {
            reference = view.reference
            stage = view.stage
            stageTitle = view.stageTitle
            messages = view.messages.map { Message(from: $0.author, text: $0.text, at: $0.createdAt) }
        }

        enum CodingKeys: String, CodingKey {
            case reference, stage, messages
            case stageTitle = "stage_title"
        }
    }

    /// The choices a client offers a reporter.
    struct Options: Encodable {
        struct Category: Encodable {
            let id: String
            let title: String
        }

        struct Person: Encodable {
            let id: String
            let name: String
        }

        let events: [Event]
        let categories: [Category]
        let languages: [String]
        let handlers: [Person]

        init(_ options: IntakeOptions, languages: [String]) {
            events = options.events
            categories = options.categories.map { Category(id: $0.id, title: $0.title) }
            self.languages = languages
            handlers = options.handlers.map { Person(id: $0.id, name: $0.name) }
        }
    }
}
