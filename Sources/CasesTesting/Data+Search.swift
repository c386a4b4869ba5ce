import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Data {
    /// Whether `needle` occurs anywhere in these bytes. memchr to each candidate first byte, then
    /// memcmp, because tests scan a database's files (a PostgreSQL write-ahead log segment is
    /// 16 MiB) for many needles. (Glibc's memmem is not visible to Swift without _GNU_SOURCE.)
    package func holds(_ needle: some Collection<UInt8>) -> Bool {
        let needle = [UInt8](needle)
        guard let first = needle.first else { return true }
        guard count >= needle.count else { return false }
        return withUnsafeBytes { (haystack: UnsafeRawBufferPointer) -> Bool in
            needle.withUnsafeBytes { wanted in
                guard let base = haystack.baseAddress else { return false }
                var offset = 0
                let last = haystack.count - wanted.count
                while offset <= last {
                    guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                    let position = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(base + position, wanted.baseAddress!, wanted.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
