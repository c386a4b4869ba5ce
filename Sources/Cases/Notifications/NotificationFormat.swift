/// How a notification is written on the command's standard input.
public enum NotificationFormat: String, Codable, Sendable, Hashable, CaseIterable {
    /// An RFC 5322 message with `To:` the person's id, for `sendmail -t` and a mail alias per id.
    case mail
    /// One JSON object, for a webhook client.
    case json
}
