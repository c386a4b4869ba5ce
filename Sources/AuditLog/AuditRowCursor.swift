/// Rows read in order, streaming, in constant memory. The buffers a column returns stay valid
/// until the next `step()`.
public protocol AuditRowCursor: AnyObject {
    func step() throws -> Bool
    func int64(_ column: Int32) -> Int64
    func isNull(_ column: Int32) -> Bool
    func blob(_ column: Int32) -> UnsafeRawBufferPointer
    func text(_ column: Int32) -> UnsafeRawBufferPointer
}
