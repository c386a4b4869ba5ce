/// The bounds on what a client may send.
enum APILimits {
    /// A JSON request: every text field at its 20 kB maximum fits with room to spare.
    static let jsonBodyBytes = 256 * 1024
    /// A form without attachments.
    static let formBodyBytes = 256 * 1024
}
