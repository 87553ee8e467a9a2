/// Sentence numbers of positions in a document's UTF-16 text: sentences end
/// at `。！？；!?;`. Line breaks end nothing: PDF layout puts them, blank
/// lines too, inside sentences.
enum SentenceIndex {
    /// The sentence number (0 for the first sentence) of each position of
    /// `positions` (UTF-16 offsets, ascending) in `units`, in one walk that
    /// counts sentence ends and stores none of them.
    static func sentences(of positions: [Int], in units: [UInt16]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(positions.count)
        var ends = 0
        var i = 0
        let n = units.count
        for p in positions {
            // A sentence starts after an end that is not the text's last unit.
            while i < min(p, n - 1) {
                if isSentenceEnd(units[i]) { ends += 1 }
                i += 1
            }
            out.append(ends)
        }
        return out
    }

    /// 1 when `u` ends a sentence (``isSentenceEnd(_:)``), else 0, without
    /// a branch: the four CJK ends by comparison, the three ASCII ones by a
    /// bit of one 64-bit mask.
    @inline(__always)
    static func sentenceEndBit(_ u: UInt16) -> Int {
        // Bits 0x21 `!`, 0x3B `;`, 0x3F `?`.
        let asciiEnds: UInt64 = 1 << 0x21 | 1 << 0x3B | 1 << 0x3F
        let inMask = Int(truncatingIfNeeded: asciiEnds &>> UInt64(u & 63) & 1)
        let ascii = inMask & (Int(u) &- 64) &>> (Int.bitWidth - 1) // u < 64
        let cjk = (u == 0x3002 ? 1 : 0) | (u == 0xFF01 ? 1 : 0) | (u == 0xFF1F ? 1 : 0) | (u == 0xFF1B ? 1 : 0)
        return ascii | cjk
    }

    /// One bit for every UTF-16 code unit (8 KB), set for the units that
    /// end a sentence (``isSentenceEnd(_:)``).
    static let sentenceEndBits: [UInt64] = (0 ..< 1024).map { word in
        var bits: UInt64 = 0
        for bit in 0 ..< 64 where isSentenceEnd(UInt16(word * 64 + bit)) { bits |= 1 << UInt64(bit) }
        return bits
    }

    @inline(__always)
    static func isSentenceEnd(_ u: UInt16) -> Bool {
        switch u {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B: true
        default: false
        }
    }
}
