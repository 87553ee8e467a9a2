/// A set of UTF-16 code units known only by their low six bits, in one
/// word: a test that a unit cannot be in the set costs a shift and an
/// `and`. The rules that compare a position with a list of words (bound
/// words, counters, a document's aliases) test the position's unit first;
/// a unit the filter may contain is then compared with the words.
struct UnitFilter: Sendable {
    /// One bit for each low-six-bit value of a unit in the set.
    private(set) var bits: UInt64 = 0

    /// An empty filter.
    init() {}

    /// The filter of `units`.
    init(_ units: some Sequence<UInt16>) {
        for unit in units { insert(unit) }
    }

    /// The filter of `units`; a nil unit (the first or last unit of an
    /// empty word) sets every bit, so that nothing is filtered out.
    init(_ units: some Sequence<UInt16?>) {
        for unit in units { insert(unit) }
    }

    /// Adds `unit` (every bit for nil).
    mutating func insert(_ unit: UInt16?) {
        bits |= unit.map { 1 << UInt64($0 & 63) } ?? .max
    }

    /// Whether `unit` may be in the set (false: it is not).
    @inline(__always)
    func mayContain(_ unit: UInt16) -> Bool {
        bits & (1 << UInt64(unit & 63)) != 0
    }
}
