import CSodium

/// Secret bytes kept in `sodium_malloc` memory: guard pages on both sides, locked out of swap
/// where the system allows, zeroed before they are freed. Secrets over 64 bytes get their own
/// allocation, read-only once written; smaller ones (keys, seeds, receipts) a slot of a shared
/// guarded slab (`SecureSlab`), which costs no system call.
///
/// Swift's `[UInt8]`, `Data` and `String` may be copied by the runtime to places nothing can zero,
/// so every unwrapped secret key of this system lives here instead. The bytes never appear in
/// `description`, `debugDescription` or `dump`.
///
/// `@unchecked Sendable`: the bytes are written once, before `init` returns, and never again
/// until they are zeroed on release, so concurrent readers cannot race with a writer.
public final class SecureBytes: @unchecked Sendable {
    private let pointer: UnsafeMutableRawPointer
    /// The number of secret bytes.
    public let count: Int

    private init(pointer: UnsafeMutableRawPointer, count: Int) {
        self.pointer = pointer
        self.count = count
    }

    /// Allocates `count` guarded bytes, lets `fill` write them, then makes them read-only.
    /// If `fill` throws, the bytes are zeroed and freed before the error is passed on.
    public static func make<E: Error>(
        count: Int,
        _ fill: (UnsafeMutableRawBufferPointer) throws(E) -> Void
    ) throws(E) -> SecureBytes {
        let pointer = allocate(count: count)
        do {
            try fill(UnsafeMutableRawBufferPointer(start: pointer, count: count))
        } catch {
            SecureBytes.release(pointer, count: count)
            throw error
        }
        protect(pointer, count: count)
        return SecureBytes(pointer: pointer, count: count)
    }

    /// Fresh random secret bytes from libsodium's CSPRNG.
    public static func random(count: Int) -> SecureBytes {
        make(count: count) { buffer in
            if let base = buffer.baseAddress { randombytes_buf(base, buffer.count) }
        }
    }

    /// Copies `bytes` into guarded memory. The caller remains responsible for its own copy.
    public init(copying bytes: some Collection<UInt8>) {
        count = bytes.count
        pointer = SecureBytes.allocate(count: count)
        _ = UnsafeMutableRawBufferPointer(start: pointer, count: count)
            .initializeMemory(as: UInt8.self, from: bytes)
        SecureBytes.protect(pointer, count: count)
    }

    /// Copies the UTF-8 bytes of `string` (a passphrase as typed) into guarded memory.
    public convenience init(utf8 string: String) {
        self.init(copying: string.utf8)
    }

    private static func allocate(count: Int) -> UnsafeMutableRawPointer {
        precondition(count >= 0, "SecureBytes count must not be negative")
        Sodium.ensureInitialised()
        if count <= SecureSlab.slotSize { return SecureSlab.shared.allocate() }
        guard let pointer = sodium_malloc(count) else {
            fatalError(CryptoError.outOfSecureMemory.description)
        }
        return pointer
    }

    /// Makes a dedicated allocation read-only; slab slots share their pages and stay writable.
    private static func protect(_ pointer: UnsafeMutableRawPointer, count: Int) {
        if count > SecureSlab.slotSize { _ = sodium_mprotect_readonly(pointer) }
    }

    /// Zeroes and frees, whichever kind of memory `pointer` is.
    private static func release(_ pointer: UnsafeMutableRawPointer, count: Int) {
        if count <= SecureSlab.slotSize {
            SecureSlab.shared.release(pointer)
        } else {
            _ = sodium_mprotect_readwrite(pointer)
            sodium_memzero(pointer, count)
            sodium_free(pointer)
        }
    }

    /// Calls `body` with the secret bytes. The pointer is valid only inside `body`; do not copy
    /// the bytes out into ordinary Swift memory.
    public func withUnsafeBytes<R, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        defer { withExtendedLifetime(self) {} }
        return try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// Compares with `other` in time that depends only on the length.
    public func constantTimeEquals(_ other: SecureBytes) -> Bool {
        guard count == other.count else { return false }
        return withUnsafeBytes { mine in
            other.withUnsafeBytes { theirs in ConstantTime.isEqual(mine, theirs) }
        }
    }

    /// Overwrites the bytes with zeros. Called by `deinit`; internal so tests can check the
    /// effect on memory that is still mapped.
    func zeroize() {
        if count > SecureSlab.slotSize { _ = sodium_mprotect_readwrite(pointer) }
        sodium_memzero(pointer, max(count, 1))
        SecureBytes.protect(pointer, count: count)
    }

    deinit {
        SecureBytes.release(pointer, count: count)
    }
}

extension SecureBytes: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "SecureBytes(\(count) bytes, redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .class) }
}
