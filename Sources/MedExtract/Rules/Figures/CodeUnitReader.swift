/// Bounds-checked, allocation-free reading of normalised code units for the
/// figure rules: reading before the start or past the end yields 0 (a value
/// no rule matches), so rules can look around freely without trapping.
struct CodeUnitReader {
    /// The code units.
    let buffer: UnsafeBufferPointer<UInt16>

    /// The number of code units.
    var count: Int { buffer.count }

    /// The code unit at `index`, or 0 outside the text.
    @inline(__always)
    subscript(_ index: Int) -> UInt16 {
        index >= 0 && index < buffer.count ? buffer[index] : 0
    }

    /// Whether the text has `a` at `index`.
    @inline(__always)
    func has(_ a: Unicode.Scalar, at index: Int) -> Bool {
        self[index] == u16(a)
    }

    /// Whether the text has `a b` at `index`.
    @inline(__always)
    func has(_ a: Unicode.Scalar, _ b: Unicode.Scalar, at index: Int) -> Bool {
        self[index] == u16(a) && self[index + 1] == u16(b)
    }

    /// Whether the text has `a b c` at `index`.
    @inline(__always)
    func has(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar, at index: Int) -> Bool {
        self[index] == u16(a) && self[index + 1] == u16(b) && self[index + 2] == u16(c)
    }

    /// Whether the text has the code units of `word` at `index`.
    @inline(__always)
    func has(_ word: [UInt16], at index: Int) -> Bool {
        guard index >= 0, index + word.count <= buffer.count else { return false }
        for k in word.indices where buffer[index + k] != word[k] { return false }
        return true
    }

    /// Whether the text has the code units of `word` ending right before `index`.
    @inline(__always)
    func has(_ word: [UInt16], endingAt index: Int) -> Bool {
        has(word, at: index - word.count)
    }
}

/// The UTF-16 code unit of a BMP scalar (constant-folded for literals).
@inline(__always)
func u16(_ scalar: Unicode.Scalar) -> UInt16 {
    UInt16(truncatingIfNeeded: scalar.value)
}
