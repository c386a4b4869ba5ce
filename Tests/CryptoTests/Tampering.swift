/// Every single-bit change of a byte string, for tests that prove each one is detected.
enum Tampering {
    /// Each position with one bit flipped; `bits` picks which bits (all eight by default).
    static func singleBitFlips(of bytes: [UInt8], bits: [UInt8] = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80]) -> [(position: Int, tampered: [UInt8])] {
        var result: [(Int, [UInt8])] = []
        for position in bytes.indices {
            for bit in bits {
                var copy = bytes
                copy[position] ^= bit
                result.append((position, copy))
            }
        }
        return result
    }
}
