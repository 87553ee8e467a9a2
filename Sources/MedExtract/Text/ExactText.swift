/// A string hashed and compared by its UTF-8 bytes, as a dictionary key.
///
/// `String`'s own hashing and equality follow canonical equivalence: every
/// hash checks the text is in NFC and every comparison of two unequal
/// non-ASCII strings looks at their scalars, which made the tables keyed by
/// hospital names cost most of their build time. The names in those tables
/// and the text they are looked up with come from the same normaliser and
/// are matched unit by unit everywhere else in the pipeline, so comparing
/// bytes changes nothing but the speed.
struct ExactText: Hashable, Sendable {
    /// The string.
    let string: String

    /// Wraps `string`.
    init(_ string: String) { self.string = string }

    /// Whether the two strings have the same UTF-8 bytes.
    static func == (a: Self, b: Self) -> Bool {
        let x = a.string.utf8, y = b.string.utf8
        guard x.count == y.count else { return false }
        return withBytes(a.string) { p in withBytes(b.string) { q in MemoryCompare.equal(p, q) } }
    }

    /// Hashes the UTF-8 bytes (through ``ByteHash``, as a dictionary does).
    func hash(into hasher: inout Hasher) {
        hasher.combine(_rawHashValue(seed: 0))
    }

    /// The hash a `Dictionary` or `Set` of the given seed uses: ``ByteHash``
    /// of the UTF-8 bytes, a word at a time, instead of `Hasher`'s SipHash,
    /// which cost the linker's tables (keyed by names of a few dozen bytes)
    /// about 600 instructions a lookup.
    func _rawHashValue(seed: Int) -> Int {
        Self.withBytes(string) { ByteHash.hash($0, seed: seed) }
    }

    /// Calls `body` with the string's UTF-8 bytes (copied only when the string
    /// is not stored as contiguous UTF-8).
    private static func withBytes<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(string.utf8).withUnsafeBufferPointer(body)
    }
}
