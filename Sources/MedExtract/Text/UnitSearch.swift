extension Array where Element == UInt16 {
    /// Whether `word` occurs in these code units (a short word in a name or
    /// a short text: a plain scan, no string made). An empty word does not.
    func containsUnits(_ word: [UInt16]) -> Bool {
        guard let first = word.first, count >= word.count else { return false }
        for start in 0 ... count - word.count where self[start] == first && self[start ..< start + word.count].elementsEqual(word) {
            return true
        }
        return false
    }
}
