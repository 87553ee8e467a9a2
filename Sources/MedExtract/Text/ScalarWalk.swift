/// Reads the Unicode scalars of a slice of a string as `UInt32` values,
/// decoding its UTF-8 bytes in place.
///
/// The standard library's scalar iterator checks every index it steps over
/// and decodes through a general path; a `String` holds valid UTF-8 and a
/// scalar view's bounds are scalar boundaries, so the walks over whole
/// documents (the layout model's, the normaliser's) run a plain loop over
/// the bytes inside one call of ``withUTF8(_:_:)``:
///
///     ScalarWalk.withUTF8(scalars) { bytes in
///         var walk = ScalarWalk(bytes)
///         while let scalar = walk.next() { … }
///     }
struct ScalarWalk {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    /// A walk over `bytes`, which must be valid UTF-8 cut at scalar
    /// boundaries (as ``withUTF8(_:_:)`` gives them).
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The byte offset of the next scalar (the end of the last one read).
    var position: Int { i }

    /// The next scalar's value, or nil at the end.
    @inline(__always)
    mutating func next() -> UInt32? {
        guard i < bytes.count, let base = bytes.baseAddress else { return nil }
        let lead = UInt32(base[i])
        if lead < 0x80 {
            i &+= 1
            return lead
        }
        // A truncated sequence (not from a `String`) ends the walk.
        if lead < 0xE0 {
            guard i &+ 1 < bytes.count else { return nil }
            defer { i &+= 2 }
            return (lead & 0x1F) << 6 | UInt32(base[i &+ 1]) & 0x3F
        }
        if lead < 0xF0 {
            guard i &+ 2 < bytes.count else { return nil }
            defer { i &+= 3 }
            return (lead & 0x0F) << 12 | (UInt32(base[i &+ 1]) & 0x3F) << 6 | UInt32(base[i &+ 2]) & 0x3F
        }
        guard i &+ 3 < bytes.count else { return nil }
        defer { i &+= 4 }
        return (lead & 0x07) << 18 | (UInt32(base[i &+ 1]) & 0x3F) << 12 | (UInt32(base[i &+ 2]) & 0x3F) << 6 | UInt32(base[i &+ 3]) & 0x3F
    }

    /// The next scalar's value if it is a CJK Unified Ideograph
    /// (U+4E00–U+9FFF: a lead byte from E5 to E9, or E4 before a byte from
    /// B8), else nil without moving. Most scalars of a Chinese text are
    /// these; the walks step over runs of them with this one test a scalar,
    /// as they need no class lookup (``ScalarClassTable/unifiedIdeograph``).
    @inline(__always)
    mutating func nextUnifiedIdeograph() -> UInt32? {
        guard i &+ 2 < bytes.count, let base = bytes.baseAddress else { return nil }
        let lead = base[i]
        let second = base[i &+ 1]
        guard lead &- 0xE5 < 5 || (lead == 0xE4 && second >= 0xB8) else { return nil }
        defer { i &+= 3 }
        return (UInt32(lead) & 0x0F) << 12 | (UInt32(second) & 0x3F) << 6 | UInt32(base[i &+ 2]) & 0x3F
    }

    /// Calls `body` once with the UTF-8 bytes of `scalars` (the string's own
    /// storage; a copy only for a string without contiguous UTF-8).
    static func withUTF8<R>(_ scalars: Substring.UnicodeScalarView, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let text = Substring(scalars)
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }
}
