#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `read(2)` and `write(2)` under names no type's own `read` or `write` hides, retried when a
/// signal interrupts them.
enum SystemCalls {
    static func read(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
        while true {
            #if canImport(Glibc)
            let result = Glibc.read(descriptor, buffer, count)
            #else
            let result = Darwin.read(descriptor, buffer, count)
            #endif
            if result >= 0 || errno != EINTR { return result }
        }
    }

    static func write(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        while true {
            #if canImport(Glibc)
            let result = Glibc.write(descriptor, buffer, count)
            #else
            let result = Darwin.write(descriptor, buffer, count)
            #endif
            if result >= 0 || errno != EINTR { return result }
        }
    }
}
