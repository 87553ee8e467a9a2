/// UTF-16 code units from valid UTF-8 (a `String`'s storage), in tight loops
/// over the bytes.
///
/// `Array(text.utf16)` steps a native string's UTF-16 view index by index
/// (counting first, then transcoding scalar by scalar): about a hundred
/// instructions a Chinese character. The linking pass reads every hospital
/// name and every document's text as UTF-16, so it decodes them here: the
/// units are counted eight bytes at a time and decoded in one loop.
enum UTF8Transcoding {
    /// Every byte's top bit, in a word of eight bytes.
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The number of bytes of `mask` whose top bit is set, for a mask with
    /// no other bit set (`highBits` and a test): each byte becomes 0 or 1,
    /// and one multiplication adds them up in the top byte. The library is
    /// built for the baseline x86-64, which has no population count
    /// instruction: `nonzeroBitCount` is a dozen operations there.
    @inline(__always)
    static func highBitCount(_ mask: UInt64) -> Int {
        Int(truncatingIfNeeded: ((mask &>> 7) &* 0x0101_0101_0101_0101) &>> 56)
    }

    /// The number of UTF-16 code units `bytes` (valid UTF-8) decode to: one
    /// for every byte that does not continue a sequence, two for a four-byte
    /// sequence. Eight bytes at a time.
    @inline(__always)
    static func utf16Count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let n = bytes.count
        var count = 0
        var i = 0
        while i &+ 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // A shift moves each byte's bit 6 (5, 4) to its bit 7, masked
            // there; bits shifted across bytes are masked out.
            let continuation = w & ~(w << 1) & highBits // 10xxxxxx
            let fourByteLead = w & (w << 1) & (w << 2) & (w << 3) & highBits // 1111xxxx
            count &+= 8 &- highBitCount(continuation) &+ highBitCount(fourByteLead)
            i &+= 8
        }
        while i < n {
            let byte = base[i]
            count &+= byte & 0xC0 != 0x80 ? 1 : 0
            count &+= byte >= 0xF0 ? 1 : 0
            i &+= 1
        }
        return count
    }

    /// Decodes `bytes` (valid UTF-8) into `out` and returns the number of
    /// units written. A sequence cut short by the end of `bytes`, or one that
    /// would not fit `out`, ends the decoding.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt16>) -> Int {
        guard let base = bytes.baseAddress, let target = out.baseAddress else { return 0 }
        let n = bytes.count
        let m = out.count
        var i = 0
        var o = 0
        while i < n && o < m {
            let lead = UInt32(base[i])
            // Three-byte sequences (CJK) are tested first.
            if lead & 0xF0 == 0xE0, i &+ 2 < n {
                target[o] = UInt16(truncatingIfNeeded: (lead & 0x0F) << 12 | (UInt32(base[i &+ 1]) & 0x3F) << 6 | UInt32(base[i &+ 2]) & 0x3F)
                i &+= 3
                o &+= 1
                continue
            }
            if lead < 0x80 {
                target[o] = UInt16(truncatingIfNeeded: lead)
                i &+= 1
            } else if lead < 0xE0 {
                guard i &+ 1 < n else { break }
                target[o] = UInt16(truncatingIfNeeded: (lead & 0x1F) << 6 | UInt32(base[i &+ 1]) & 0x3F)
                i &+= 2
            } else if lead < 0xF0 {
                guard i &+ 2 < n else { break }
                target[o] = UInt16(truncatingIfNeeded: (lead & 0x0F) << 12 | (UInt32(base[i &+ 1]) & 0x3F) << 6 | UInt32(base[i &+ 2]) & 0x3F)
                i &+= 3
            } else {
                guard i &+ 3 < n, o &+ 1 < m else { break }
                let scalar = (lead & 0x07) << 18 | (UInt32(base[i &+ 1]) & 0x3F) << 12
                    | (UInt32(base[i &+ 2]) & 0x3F) << 6 | UInt32(base[i &+ 3]) & 0x3F
                target[o] = UInt16(truncatingIfNeeded: 0xD7C0 &+ (scalar >> 10))
                o &+= 1
                target[o] = UInt16(truncatingIfNeeded: 0xDC00 | scalar & 0x3FF)
                i &+= 4
            }
            o &+= 1
        }
        return o
    }

    /// Strings of at most this many bytes get one unit of storage a byte
    /// (a name: up to three times what it needs, freed soon); longer ones
    /// are counted first, so a document's units take exactly their size.
    static let countedAbove = 256

    /// The UTF-16 code units of `bytes` (valid UTF-8).
    static func units(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt16] {
        let capacity = bytes.count <= countedAbove ? bytes.count : utf16Count(bytes)
        return [UInt16].initialized(capacity: capacity) { decode(bytes, into: $0) }
    }
}

extension Array where Element == UInt16 {
    /// The UTF-16 code units of `text`, the same as `Array(text.utf16)`,
    /// decoded from its UTF-8 storage in one loop (``UTF8Transcoding``).
    init(utf16Of text: String) {
        self = text.utf8.withContiguousStorageIfAvailable(UTF8Transcoding.units) ?? Array(text.utf16)
    }

    /// The UTF-16 code units of `text`, the same as `Array(text.utf16)`.
    init(utf16Of text: Substring) {
        self = text.utf8.withContiguousStorageIfAvailable(UTF8Transcoding.units) ?? Array(text.utf16)
    }
}
