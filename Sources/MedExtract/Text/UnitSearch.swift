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
