/// Converts Unicode-scalar offsets of a string into `String.Index`, walking
/// forward only: offsets must be asked for in non-decreasing order, so
/// converting all entities of a document is one pass over it.
///
/// The walk reads the string's UTF-8 eight bytes at a time (a scalar starts
/// at every byte that does not continue a sequence), the target's own word
/// included, and byte by byte only in the last seven bytes. The scalar view's own index
/// stepping decodes every scalar on the way, several times the work.
struct OffsetTranslator {
    private let text: String
    /// Bytes before the position reached.
    private var byte = 0
    /// Scalars that start before ``byte``.
    private var scalar = 0

    init(_ text: String) {
        var text = text
        // A no-op for a native string; a bridged one is copied once.
        text.makeContiguousUTF8()
        self.text = text
    }

    /// The string index of scalar offset `target` (clamped to the end).
    mutating func position(ofScalarOffset target: Int) -> String.Index {
        let reached = text.utf8.withContiguousStorageIfAvailable { bytes in
            Self.advance(bytes, byte: byte, scalar: scalar, to: target)
        } ?? (byte: text.utf8.count, scalar: scalar)
        byte = reached.byte
        scalar = reached.scalar
        return text.utf8.index(text.utf8.startIndex, offsetBy: byte)
    }

    /// From `byte` (where `scalar` scalars have started) to the start of
    /// scalar `target`, or the end of `bytes`.
    @inline(__always)
    static func advance(_ bytes: UnsafeBufferPointer<UInt8>, byte start: Int, scalar counted: Int, to target: Int) -> (byte: Int, scalar: Int) {
        guard let base = bytes.baseAddress else { return (0, counted) }
        let n = bytes.count
        var byte = start
        var scalar = counted
        let highBits: UInt64 = 0x8080_8080_8080_8080
        // Eight bytes at a time: a scalar starts at each byte that does not
        // continue a sequence (its high bit, when the next is clear). A word
        // whose starts are all before the target's is passed whole; in the
        // word that holds the target's start, the starts before it are
        // cleared and the next one gives its byte.
        while byte &+ 8 <= n {
            let w = UnsafeRawPointer(base + byte).loadUnaligned(as: UInt64.self)
            var starts = ~(w & ~(w << 1)) & highBits
            let before = target &- scalar
            let count = UTF8Transcoding.highBitCount(starts)
            if count <= before {
                scalar &+= count
                byte &+= 8
                continue
            }
            for _ in 0 ..< max(before, 0) { starts &= starts &- 1 }
            return (byte &+ starts.trailingZeroBitCount &>> 3, scalar &+ max(before, 0))
        }
        while byte < n {
            if base[byte] & 0xC0 != 0x80 {
                if scalar >= target { break }
                scalar &+= 1
            }
            byte &+= 1
        }
        return (byte, scalar)
    }
}
