import GrievanceCrypto
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Padding, hex, comparison and hardening")
struct UtilityTests {
    @Test("padding hides the exact length inside a block and comes off again")
    func padding() throws {
        for size in [0, 1, 255, 256, 257, 1000] {
            let bytes = RandomBytes.make(count: size)
            let padded = try Padding.pad(bytes, blockSize: 256)
            #expect(padded.count % 256 == 0)
            #expect(padded.count > size)
            #expect(try Padding.unpad(padded, blockSize: 256) == bytes)
        }
        #expect(try Padding.pad(RandomBytes.make(count: 10), blockSize: 256).count == (try Padding.pad(RandomBytes.make(count: 200), blockSize: 256).count))
    }

    @Test("bad padding and bad block sizes are refused")
    func badPadding() {
        #expect(throws: CryptoError.self) { try Padding.unpad([UInt8](repeating: 0, count: 256), blockSize: 256) }
        #expect(throws: CryptoError.self) { try Padding.unpad([0x80], blockSize: 256) }
        #expect(throws: CryptoError.self) { try Padding.unpad([], blockSize: 16) }
        #expect(throws: CryptoError.self) { try Padding.pad([1], blockSize: 0) }
    }

    @Test("hex round trips and refuses what is not hex")
    func hex() {
        let bytes: [UInt8] = [0x00, 0x7f, 0x80, 0xff, 0x0a]
        #expect(Hex.encode(bytes) == "007f80ff0a")
        #expect(Hex.decode("007F80ff0a") == bytes)
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("0g") == nil)
    }

    @Test("constant-time equality")
    func constantTime() {
        #expect(ConstantTime.isEqual([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.isEqual([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.isEqual([1, 2, 3], [1, 2]))
        #expect(ConstantTime.isEqual([], []))
    }

    #if os(Linux)
    @Test("core dumps are off and the process is not dumpable after hardening")
    func hardening() {
        #expect(ProcessHardening.disableCoreDumps())
        var limit = rlimit()
        #expect(getrlimit(__rlimit_resource_t(RLIMIT_CORE.rawValue), &limit) == 0)
        #expect(limit.rlim_cur == 0 && limit.rlim_max == 0)
    }
    #endif
}
