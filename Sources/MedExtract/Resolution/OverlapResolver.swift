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
public struct OverlapResolver: Sendable {
    /// Creates a resolver.
    public init() {}

    /// Resolves candidates over a text of `length` code units.
    ///
    /// Works on indices and a compact sort key, so candidates (with their
    /// attribute strings) are copied once, into the result.
    public func resolve(_ candidates: [Candidate], length: Int) -> [Candidate] {
        var entities: [Int] = []
        var ignores: [Int] = []
        entities.reserveCapacity(candidates.count)
        for (i, candidate) in candidates.enumerated() where candidate.start >= 0 && candidate.end <= length && candidate.start < candidate.end {
            if case .entity = candidate.label { entities.append(i) } else { ignores.append(i) }
        }
        if !ignores.isEmpty {
            // By start, ties in input order (a stable sort by start).
            entities.sort { candidates[$0].start != candidates[$1].start ? candidates[$0].start < candidates[$1].start : $0 < $1 }
            var removed = [Bool](repeating: false, count: entities.count)
            for ignoreIndex in ignores {
                let ignore = candidates[ignoreIndex]
                // First entity starting at or after the ignore's start.
                var lo = 0
                var hi = entities.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if candidates[entities[mid]].start < ignore.start { lo = mid + 1 } else { hi = mid }
                }
                var i = lo
                while i < entities.count && candidates[entities[i]].start < ignore.end {
                    let e = candidates[entities[i]]
                    if e.end <= ignore.end && (e.length < ignore.length || e.priority <= ignore.priority) { removed[i] = true }
                    i += 1
                }
            }
            entities = entities.indices.filter { !removed[$0] }.map { entities[$0] }
        }
        // Rank: longer, higher priority, earlier, label name; ties keep input
        // order (as the stable sort over candidates did).
        var ranked = entities.map { RankKey(candidates[$0], index: $0) }
        ranked.sort { a, b in
            if a.length != b.length { return a.length > b.length }
            if a.priority != b.priority { return a.priority > b.priority }
            if a.start != b.start { return a.start < b.start }
            if a.labelRank != b.labelRank { return a.labelRank < b.labelRank }
            return a.index < b.index
        }
        var taken = [Bool](repeating: false, count: length)
        var kept: [Int] = []
        for key in ranked {
            let candidate = candidates[key.index]
            var free = true
            for i in candidate.start ..< candidate.end where taken[i] {
                free = false
                break
            }
            guard free else { continue }
            for i in candidate.start ..< candidate.end { taken[i] = true }
            kept.append(key.index)
        }
        // Kept spans do not overlap, so their starts are distinct.
        kept.sort { candidates[$0].start < candidates[$1].start }
        return kept.map { candidates[$0] }
    }
}

/// The ranking fields of one candidate.
private struct RankKey {
    var length: Int
    var priority: Int
    var start: Int
    var labelRank: Int
    var index: Int

    init(_ candidate: Candidate, index: Int) {
        length = candidate.length
        priority = candidate.priority
        start = candidate.start
        labelRank = Self.rank(candidate.label)
        self.index = index
    }

    /// The order of the labels' names (`DEPARTMENT` < `FIGURE` < `HOSPITAL` <
    /// `IGNORE` < `PROCEDURE`), which the ranking used to compare as strings.
    static func rank(_ label: DictionaryLabel) -> Int {
        switch label {
        case .entity(let entity): EntityLabel.nameRanks[entity.order]
        case .ignore: EntityLabel.nameRanks[EntityLabel.allCases.count]
        }
    }
}
