import Cases

extension Field {
    /// The field's name in the API and the form (docs/openapi.yaml).
    var apiName: String {
        switch self {
        case .reporterName: "reporter_name"
        case .reporterContact: "reporter_contact"
        case .excludeHandlers: "exclude_handlers"
        case .message: "text"
        default: rawValue
        }
    }
}
