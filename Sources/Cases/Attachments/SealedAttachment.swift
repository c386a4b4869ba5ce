import GrievanceCrypto

/// An attachment encrypted as it arrived, waiting to be filed with its case: its own random
/// key (sealed under the case key when the case is written), and its secretstream.
public struct SealedAttachment: Sendable {
    public let info: AttachmentInfo
    let key: SymmetricKey
    let header: [UInt8]
    let chunks: [[UInt8]]
}
