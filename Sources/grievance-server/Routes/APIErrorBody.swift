/// The JSON of every error: `{"error": {"code", "message", "fields"?}}`.
struct APIErrorBody: Encodable {
    struct Detail: Encodable {
        let code: String
        let message: String
        let fields: [Field]?
    }

    struct Field: Encodable {
        let field: String
        let message: String
    }

    let error: Detail
}
