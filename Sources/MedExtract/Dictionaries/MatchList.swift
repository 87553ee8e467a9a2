/// The lexicon matches of one text in memory of their own, appended to by
/// the scan and then owned by the ``RecognitionContext`` that reads them.
///
/// An array would do, but the context hands out views into the matches
/// (``RecognitionContext/matches(endingAt:)``) that must stay valid while it
/// lives, which an array's storage is not promised to; the context used to
/// copy the array into memory of its own for that, a second pass over
/// every match of every document. The scan now writes there directly.
///
/// A value with a pointer: copies share the memory, and exactly one owner
/// calls ``deallocate()``. ``LexiconMatch`` is a trivial type, so the memory
/// needs no deinitialisation.
struct MatchList {
    private(set) var base: UnsafeMutablePointer<LexiconMatch>
    /// The number of matches appended.
    private(set) var count = 0
    private var capacity: Int

    /// An empty list with room for `capacity` matches (at least 16).
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// The matches appended so far (valid until the next append or ``deallocate()``).
    var buffer: UnsafeBufferPointer<LexiconMatch> { UnsafeBufferPointer(start: base, count: count) }

    /// Appends `match`, doubling the room when it is full.
    @inline(__always)
    mutating func append(_ match: LexiconMatch) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: match)
        count &+= 1
    }

    /// Appends `matches`.
    mutating func append(contentsOf matches: UnsafeBufferPointer<LexiconMatch>) {
        guard let source = matches.baseAddress, !matches.isEmpty else { return }
        if count + matches.count > capacity { grow(to: max(capacity * 2, count + matches.count)) }
        (base + count).initialize(from: source, count: matches.count)
        count += matches.count
    }

    private mutating func grow(to newCapacity: Int) {
        let larger = UnsafeMutablePointer<LexiconMatch>.allocate(capacity: newCapacity)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = newCapacity
    }

    /// Frees the memory; the list (and every copy of it) is not used again.
    func deallocate() {
        base.deallocate()
    }
}
