/// What a handler is told about an attachment before opening it; kept inside the encrypted
/// record that describes it.
public struct AttachmentInfo: Sendable, Hashable, Codable {
    /// The file's name as the reporter's device gave it, without any folder.
    public let name: String
    /// The type the reporter's browser declared: never trusted, never served to a browser.
    public let contentType: String
    public let size: Int
}
