/// What filing returns: the reference for handlers, the receipt for the reporter (shown once,
/// never stored), and the stage.
public struct FiledCase: Sendable {
    public let reference: String
    public let receipt: Receipt
    public let stage: String
}
