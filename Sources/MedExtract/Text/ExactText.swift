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

    /// Hashes the UTF-8 bytes with `Hasher` (SipHash, seeded per process).
    /// The keys of the linker's tables and of its cross-document memo are
    /// names taken from the documents, so a hash whose collisions can be
    /// found without the seed (a word-at-a-time multiply-xorshift, tried:
    /// 1.5 % fewer instructions, no measurable time) would let a crafted
    /// document make lookups quadratic (docs/BENCHMARKS.md, 2026-12-07).
    func hash(into hasher: inout Hasher) {
        Self.withBytes(string) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Calls `body` with the string's UTF-8 bytes (copied only when the string
    /// is not stored as contiguous UTF-8): the byte view every byte-keyed
    /// table of the linker reads strings through.
    static func withBytes<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(string.utf8).withUnsafeBufferPointer(body)
    }
}
