/// A fast, seeded hash of a short byte string for in-memory hash tables.
///
/// Eight bytes at a time: each word is mixed into the state with a
/// multiply-xorshift round (the 64-bit multiplier of Fibonacci hashing), the
/// tail is loaded as one partial word, and the length and `seed` go into the
/// state first, so strings that differ only in trailing zero bytes differ.
/// The state is finished with the MurmurHash3 64-bit finaliser, whose
/// avalanche spreads every input bit over the low bits a hash table uses.
/// Not a cryptographic hash: the tables it serves are keyed by names from
/// the dictionaries and the document being processed.
enum ByteHash {
    /// The hash of `bytes` for a table of seed `seed`.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: Int) -> Int {
        let n = bytes.count
        var h = UInt64(truncatingIfNeeded: seed) ^ UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15
        guard let base = bytes.baseAddress else { return Int(truncatingIfNeeded: finish(h)) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i &+ 8 <= n {
            h = mix(h, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i &+= 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base[i]) << shift
                shift &+= 8
                i &+= 1
            }
            h = mix(h, tail)
        }
        return Int(truncatingIfNeeded: finish(h))
    }

    @inline(__always)
    private static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let x = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
        return x ^ (x >> 29)
    }

    /// MurmurHash3's `fmix64`.
    @inline(__always)
    private static func finish(_ h: UInt64) -> UInt64 {
        var x = h
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
