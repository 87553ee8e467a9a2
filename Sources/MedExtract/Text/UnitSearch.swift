extension Array where Element == UInt16 {
    /// Whether `word` occurs in these code units (a short word in a name or
    /// a short text: a plain scan, no string made). An empty word does not.
    func containsUnits(_ word: [UInt16]) -> Bool {
        guard let first = word.first, count >= word.count else { return false }
        return withUnsafeBufferPointer { units in
            word.withUnsafeBufferPointer { word in
                for start in 0 ... units.count - word.count where units[start] == first && MemoryCompare.hasWord(word, in: units, at: start) {
                    return true
                }
                return false
            }
        }
    }

    /// Whether these code units end with `word`.
    func hasUnitSuffix(_ word: [UInt16]) -> Bool {
        count >= word.count && self[(count - word.count)...].elementsEqual(word)
    }
}

/// Finds every occurrence of one code unit in a text, four units a step.
enum UnitSearch {
    /// Calls `body` with the offset of every unit of `units` from `start` on
    /// that equals `unit`, in order. Four units are compared at a time (a
    /// word with no lane equal to `unit` is passed in a few operations: the
    /// rules that start at one character, such as `院`, meet it at a few
    /// units in a hundred).
    @inline(__always)
    static func forEach(_ unit: UInt16, in units: UnsafeBufferPointer<UInt16>, from start: Int, _ body: (Int) -> Void) {
        guard let base = units.baseAddress else { return }
        let n = units.count
        var i = max(start, 0)
        let lanes: UInt64 = 0x0001_0001_0001_0001
        let pattern = lanes &* UInt64(unit)
        while i &+ 4 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ pattern
            // A lane equal to `unit` is 0 in `word`; the test flags every
            // such lane (and may flag a lane above one, never a word without one).
            if (word &- lanes) & ~word & (lanes &* 0x8000) != 0 {
                for k in 0 ..< 4 where base[i &+ k] == unit { body(i &+ k) }
            }
            i &+= 4
        }
        while i < n {
            if base[i] == unit { body(i) }
            i &+= 1
        }
    }
}
