import Cases

/// The bounds on what a client may send.
enum APILimits {
    /// A JSON request: every text field at its 20 kB maximum fits with room to spare.
    static let jsonBodyBytes = 256 * 1024
    /// A form without attachments, or the text fields of one with them.
    static let formBodyBytes = 256 * 1024
    /// A form with attachments: every file at its limit, and the text.
    static let multipartBodyBytes = 5 * 10 * 1024 * 1024 + formBodyBytes
    /// Parts of a form: its fields (about twenty, and room to spare), its files, and a box for
    /// each colleague a reporter may exclude; a body of thousands of empty parts is refused
    /// rather than listed.
    static let multipartParts = 45 + AttachmentSealer.maximumCount + IntakeLimits.excluded
}
