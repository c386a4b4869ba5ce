/// libsodium takes non-null pointers even for zero-length input or output, and Swift gives a
/// nil base address for empty buffers; these stand in for them. Nothing is read from or written
/// to them beyond their one byte.
nonisolated(unsafe) let emptyInput: UnsafePointer<UInt8> = UnsafePointer(scratchOutput)
nonisolated(unsafe) let scratchOutput: UnsafeMutablePointer<UInt8> = {
    let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
    pointer.initialize(repeating: 0, count: 16)
    return pointer
}()
