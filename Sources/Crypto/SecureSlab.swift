import CSodium
import Synchronization

/// Guarded memory for small secrets, handed out slot by slot.
///
/// `sodium_malloc` maps pages, sets guard pages and locks memory for every call, and frees by
/// unmapping: system calls that take the process's memory-map lock and interrupt every core.
/// Filing a case makes two small secrets; under concurrent filings those calls serialised the
/// whole server. A slab is one `sodium_malloc` allocation — guard pages, locked, out of core
/// dumps — cut into 64-byte slots; a slot is zeroed when it is released. What is given up: a
/// slot cannot be made read-only on its own, as a page can.
final class SecureSlab: Sendable {
    static let shared = SecureSlab()
    static let slotSize = 64
    static let slotsPerSlab = 1024

    /// Addresses, not pointers, so that the state is plainly `Sendable`.
    private struct State {
        var slabs: [UInt] = []
        var free: [UInt] = []
    }

    private let state = Mutex(State())

    /// A zeroed slot of `slotSize` bytes.
    func allocate() -> UnsafeMutableRawPointer {
        let address = state.withLock { state in
            if state.free.isEmpty {
                Sodium.ensureInitialised()
                guard let slab = sodium_malloc(Self.slotSize * Self.slotsPerSlab) else {
                    fatalError(CryptoError.outOfSecureMemory.description)
                }
                sodium_memzero(slab, Self.slotSize * Self.slotsPerSlab)
                let base = UInt(bitPattern: slab)
                state.slabs.append(base)
                state.free = (0..<Self.slotsPerSlab).reversed().map { base + UInt($0 * Self.slotSize) }
            }
            return state.free.removeLast()
        }
        return UnsafeMutableRawPointer(bitPattern: address)!
    }

    /// Zeroes a slot and takes it back.
    func release(_ slot: UnsafeMutableRawPointer) {
        sodium_memzero(slot, Self.slotSize)
        let address = UInt(bitPattern: slot)
        state.withLock { $0.free.append(address) }
    }
}
