/// Chooses non-overlapping entities among overlapping candidates.
///
/// The policy, deterministic and independent of the order recognisers ran in:
/// 1. an `IGNORE` candidate (a span known not to be an entity: `妇科疾病`,
///    `基层医院`) removes every entity candidate inside it that is shorter, or of
///    the same span and no higher priority; it does not compete with spans that
///    only partly overlap it (`手术治疗` does not block `外科手术` in `外科手术治疗`);
/// 2. the remaining entity candidates are ranked by length (longer first), then
///    priority (higher first, see ``CandidatePriority``), then start (earlier
///    first), then label;
/// 3. each candidate, in rank order, is kept if it overlaps no kept candidate;
///    the kept ones are returned sorted by start.
///
/// "Longest wins" implements the spec's "take the longest name"
/// (`晋城大医院骨科医院` over `晋城大医院` + `骨科`).
@_spi(Benchmarks) public struct OverlapResolver: Sendable {
    /// Creates a resolver.
    public init() {}

    /// Resolves candidates over a text of `length` code units.
    ///
    /// Works on indices and a compact sort key, so candidates (with their
    /// attribute strings) are copied once, into the result.
    public func resolve(_ candidates: [Candidate], length: Int) -> [Candidate] {
        keptIndices(candidates, length: length).map { candidates[$0] }
    }

    /// Resolves `candidates` and moves the kept ones out, in order of start,
    /// each replaced by a string-free placeholder (``placeholder``); the same
    /// entities as ``resolve(_:length:)`` with no candidate copied. Returns
    /// their indices too, for ``restore(_:at:into:)``.
    func take(from candidates: inout [Candidate], length: Int) -> (kept: [Candidate], indices: [Int]) {
        let indices = keptIndices(candidates, length: length)
        var kept: [Candidate] = []
        kept.reserveCapacity(indices.count)
        for i in indices {
            var taken = Self.placeholder
            swap(&taken, &candidates[i])
            kept.append(consume taken)
        }
        return (kept, indices)
    }

    /// Puts candidates ``take(from:length:)`` moved out back where they were.
    func restore(_ kept: consuming [Candidate], at indices: [Int], into candidates: inout [Candidate]) {
        var kept = kept
        for (k, i) in indices.enumerated() where k < kept.count && i < candidates.count {
            swap(&kept[k], &candidates[i])
        }
    }

    /// The rank order of `keys` (``keptIndices(_:length:)``). When every
    /// key's fields fit ``RankKey/packed`` (spans under 256 units, starts
    /// under 2^24, …: almost every document), the packed keys are written
    /// to the front of `scratch` (room for one a key), one integer a key,
    /// sorted, and returned (each one's position in `keys` in its low bits,
    /// ``RankKey/positionMask``); nil when `keys` are in rank order already:
    /// fewer than two, or sorted here by their fields because one does not
    /// fit ``RankKey/packed``.
    private static func rankOrder(
        _ keys: UnsafeMutableBufferPointer<RankKey>, scratch: UnsafeMutableBufferPointer<UInt64>
    ) -> UnsafeMutableBufferPointer<UInt64>? {
        guard keys.count > 1 else { return nil }
        for (position, key) in keys.enumerated() {
            guard let p = key.packed(position: position) else {
                var keys = keys
                keys.sort(by: RankKey.ranksBefore)
                return nil
            }
            scratch[position] = p
        }
        var packed = UnsafeMutableBufferPointer(rebasing: scratch[..<keys.count])
        packed.sort()
        return packed
    }

    /// Sorts `keys` (in input order) by start, ties in input order, on one
    /// integer a key (start above the position, in `scratch`, room for one
    /// a key) when the starts fit 32 bits.
    private static func sortByStart(_ keys: UnsafeMutableBufferPointer<RankKey>, scratch: UnsafeMutableBufferPointer<UInt64>) {
        guard keys.count > 1 else { return }
        for (position, key) in keys.enumerated() {
            guard key.start >= 0, key.start <= Int(UInt32.max), position <= Int(UInt32.max) else {
                // A stable sort by start: ties in input order.
                var keys = keys
                keys.sort { $0.start != $1.start ? $0.start < $1.start : $0.index < $1.index }
                return
            }
            scratch[position] = UInt64(key.start) << 32 | UInt64(position)
        }
        var packed = UnsafeMutableBufferPointer(rebasing: scratch[..<keys.count])
        packed.sort()
        let unpacked = Array(keys)
        for (i, p) in packed.enumerated() {
            keys[i] = unpacked[Int(truncatingIfNeeded: p & 0xFFFF_FFFF)]
        }
    }

    /// The index of the first of `keys` (ordered by start) whose start is ≥
    /// `start`; `keys.count` when none is.
    ///
    /// A binary search whose step is a conditional move, not a branch: the
    /// outcome of each comparison depends on the data, so a branch was
    /// guessed wrong about every other step, for every `IGNORE` candidate.
    /// The range halves each step whatever the outcome, so the number of
    /// steps is fixed by the count alone.
    private static func firstIndex(startingAtOrAfter start: Int, in keys: UnsafeBufferPointer<RankKey>) -> Int {
        guard !keys.isEmpty else { return 0 }
        // The answer is in base ... base + length.
        var base = 0
        var length = keys.count
        while length > 1 {
            let half = length / 2
            base = keys[base + half].start < start ? base + half : base
            length -= half
        }
        return keys[base].start < start ? base + 1 : base
    }

    /// What ``take(from:length:)`` leaves in a taken candidate's place.
    static var placeholder: Candidate { Candidate(start: 0, end: 0, label: .ignore, priority: 0) }

    /// The indices of the candidates resolution keeps, in order of start.
    func keptIndices(_ candidates: [Candidate], length: Int) -> [Int] {
        // One compact key a candidate: the loops and sorts below never touch
        // a candidate (whose attributes hold strings) again. The keys, the
        // sort keys and the taken units live in temporary allocations (on
        // the stack when they fit), so that a call makes one array, its
        // result, not eight.
        withUnsafeTemporaryAllocation(of: RankKey.self, capacity: candidates.count) { keys in
            // Entity keys fill `keys` from the front, IGNORE keys from the back.
            var entityCount = 0
            var ignoreStart = keys.count
            // The label ranks read once, not through their globals' one-time
            // initialisation check for every candidate.
            let ranks = RankKey.Ranks()
            candidates.withUnsafeBufferPointer { candidates in
                for i in candidates.indices {
                    // Fields read in place: no copy of the candidate (and of its
                    // attributes' strings) for a key.
                    let start = candidates[i].start, end = candidates[i].end
                    guard start >= 0 && end <= length && start < end else { continue }
                    let key = RankKey(
                        start: start, end: end, priority: candidates[i].priority, index: i,
                        labelRank: ranks.rank(candidates[i].label)
                    )
                    if key.labelRank == ranks.ignore {
                        ignoreStart -= 1
                        keys.initializeElement(at: ignoreStart, to: key)
                    } else {
                        keys.initializeElement(at: entityCount, to: key)
                        entityCount += 1
                    }
                }
            }
            // RankKey is a trivial type: the keys need no deinitialising.
            var entities = UnsafeMutableBufferPointer(rebasing: keys[..<entityCount])
            // In input order (they were written from the back).
            var ignores = UnsafeMutableBufferPointer(rebasing: keys[ignoreStart...])
            ignores.reverse()
            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: entityCount) { packed in
                if !ignores.isEmpty {
                    // By start, ties in input order (a stable sort by start).
                    Self.sortByStart(entities, scratch: packed)
                    var count = 0
                    for ignore in ignores {
                        var i = Self.firstIndex(startingAtOrAfter: ignore.start, in: UnsafeBufferPointer(entities))
                        while i < entities.count && entities[i].start < ignore.end {
                            let e = entities[i]
                            // Marked removed by an empty span (kept spans are never empty).
                            if e.end <= ignore.end && (e.length < ignore.length || e.priority <= ignore.priority) { entities[i].end = e.start }
                            i += 1
                        }
                    }
                    for i in entities.indices where entities[i].start < entities[i].end {
                        entities[count] = entities[i]
                        count += 1
                    }
                    entities = UnsafeMutableBufferPointer(rebasing: entities[..<count])
                }
                // Rank: longer, higher priority, earlier, label name; ties keep input
                // order (as the stable sort over candidates did). The keys are read
                // in that order through the sorted packed keys, not moved into it.
                let order = Self.rankOrder(entities, scratch: packed)
                return withUnsafeTemporaryAllocation(of: Bool.self, capacity: length) { taken in
                    taken.initialize(repeating: false)
                    // The kept keys' starts and indices, one integer each,
                    // written over the sort keys already read (the k-th kept
                    // key is written after the k-th sort key is read); in
                    // an array only when they do not fit (a text or a list
                    // of candidates of 2^32 or more: never from the chunked
                    // pipeline).
                    let packs = length <= Int(UInt32.max) && candidates.count <= Int(UInt32.max)
                    var unpacked: [RankKey] = []
                    var keptCount = 0
                    for k in entities.indices {
                        let key = order.map { entities[Int(truncatingIfNeeded: $0[k] & RankKey.positionMask)] } ?? entities[k]
                        var free = true
                        for i in key.start ..< key.end where taken[i] {
                            free = false
                            break
                        }
                        guard free else { continue }
                        for i in key.start ..< key.end { taken[i] = true }
                        if packs {
                            packed[keptCount] = UInt64(truncatingIfNeeded: key.start) << 32 | UInt64(truncatingIfNeeded: key.index)
                        } else {
                            unpacked.append(key)
                        }
                        keptCount += 1
                    }
                    // Kept spans do not overlap, so their starts are distinct.
                    guard packs else { return unpacked.sorted { $0.start < $1.start }.map(\.index) }
                    var kept = UnsafeMutableBufferPointer(rebasing: packed[..<keptCount])
                    kept.sort()
                    return [Int](unsafeUninitializedCapacity: keptCount) { result, count in
                        for k in 0 ..< keptCount { result[k] = Int(truncatingIfNeeded: kept[k] & 0xFFFF_FFFF) }
                        count = keptCount
                    }
                }
            }
        }
    }
}

/// What resolution reads of a candidate: its span, priority, label rank and
/// position in the input.
private struct RankKey {
    var start: Int
    var end: Int
    var priority: Int
    var index: Int
    /// The label's place in name order; ``ignoreRank`` for `IGNORE`.
    var labelRank: Int

    var length: Int { end - start }

    /// The rank order of ``OverlapResolver/keptIndices(_:length:)``: longer,
    /// higher priority, earlier, label name, input order.
    static func ranksBefore(_ a: RankKey, _ b: RankKey) -> Bool {
        if a.length != b.length { return a.length > b.length }
        if a.priority != b.priority { return a.priority > b.priority }
        if a.start != b.start { return a.start < b.start }
        if a.labelRank != b.labelRank { return a.labelRank < b.labelRank }
        return a.index < b.index
    }

    /// The key in one integer that orders as ``ranksBefore(_:_:)``, for a
    /// key at `position` of an array in which keys of the same start are in
    /// input order (so that the position breaks ties as the index does):
    /// from the top, 255 − length (8 bits), 127 − priority (8), start (24),
    /// label rank (3), position (21); nil when a field does not fit.
    func packed(position: Int) -> UInt64? {
        let length = self.length
        guard length > 0, length <= 0xFF, priority >= -128, priority <= 127,
              start >= 0, start < 1 << 24, labelRank >= 0, labelRank < 8,
              position >= 0, UInt64(position) <= Self.positionMask else { return nil }
        return UInt64(0xFF - length) << 56 | UInt64(127 - priority) << 48 | UInt64(start) << 24
            | UInt64(labelRank) << 21 | UInt64(position)
    }

    /// The bits of ``packed(position:)`` that hold the position.
    static let positionMask: UInt64 = 1 << 21 - 1

    var isIgnore: Bool { labelRank == Self.ignoreRank }

    /// `IGNORE`'s place (last in ``EntityLabel/nameRanks``), computed once:
    /// `allCases` makes an array each time it is read.
    static let ignoreRank: Int = EntityLabel.nameRanks[EntityLabel.allCases.count]

    /// The order of the labels' names (`DEPARTMENT` < `FIGURE` < `HOSPITAL` <
    /// `IGNORE` < `PROCEDURE`), which the ranking used to compare as strings.
    static func rank(_ label: DictionaryLabel) -> Int {
        Ranks().rank(label)
    }

    /// The ranks of ``rank(_:)``, read from their globals once for a loop.
    struct Ranks {
        let names = EntityLabel.nameRanks
        let ignore = RankKey.ignoreRank

        @inline(__always)
        func rank(_ label: DictionaryLabel) -> Int {
            switch label {
            case .entity(let entity): names[entity.order]
            case .ignore: ignore
            }
        }
    }
}
