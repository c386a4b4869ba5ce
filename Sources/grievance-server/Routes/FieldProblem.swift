import Cases
import Languages

/// What is wrong with one field a client sent: the field under the API's name, and the problem
/// as a value, said in the client's language only when the answer is rendered.
struct FieldProblem: Sendable, Hashable {
    enum Reason: Sendable, Hashable {
        case required
        case notAField
        case mustBeText
        case mustBeBoolean
        case mustBeList
        case mustBeConsent
        case chooseOne([String])
        case receipt
        /// What Cases found wrong with the value.
        case value(Problem)
    }

    let field: String
    let reason: Reason

    init(_ field: String, _ reason: Reason) {
        self.field = field
        self.reason = reason
    }

    /// Cases' refusal of a field, under the API's name for it.
    init(_ field: Field, _ problem: Problem) {
        self.init(field.apiName, .value(problem))
    }

    /// The problem in `language`, with its numbers.
    func message(_ catalog: Catalog, _ language: Language) -> String {
        let (key, values): (String, [String: String]) = switch reason {
        case .required: ("problem.required", [:])
        case .notAField: ("problem.not_a_field", [:])
        case .mustBeText: ("problem.must_be_text", [:])
        case .mustBeBoolean: ("problem.must_be_boolean", [:])
        case .mustBeList: ("problem.must_be_list", [:])
        case .mustBeConsent: ("problem.must_be_consent", [:])
        case .chooseOne(let choices): ("problem.choose_one", ["choices": choices.joined(separator: ", ")])
        case .receipt: ("problem.receipt", ["count": String(Receipt.characterCount)])
        case .value(.unknown): ("problem.unknown", [:])
        case .value(.empty): ("problem.empty", [:])
        case .value(.tooLong(let bytes)): ("problem.too_long", ["bytes": String(bytes)])
        case .value(.tooManyCharacters(let maximum)): ("problem.too_many_characters", ["count": String(maximum)])
        case .value(.tooMany(let count)) where field == Field.attachments.apiName: ("problem.too_many_files", ["count": String(count)])
        case .value(.tooMany(let count)): ("problem.too_many", ["count": String(count)])
        case .value(.tooLarge(let bytes)): ("problem.too_large", ["megabytes": String(bytes / (1024 * 1024))])
        case .value: ("problem.invalid", [:])
        }
        return catalog.text(key, language, values: values)
    }
}
