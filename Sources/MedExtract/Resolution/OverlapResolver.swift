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
    public func resolve(_ candidates: [Candidate], length: Int) -> [Candidate] {
        var entities: [Candidate] = []
        var ignores: [Candidate] = []
        for candidate in candidates where candidate.start >= 0 && candidate.end <= length && candidate.start < candidate.end {
            if case .entity = candidate.label { entities.append(candidate) } else { ignores.append(candidate) }
        }
        if !ignores.isEmpty {
            entities.sort { $0.start < $1.start }
            var removed = [Bool](repeating: false, count: entities.count)
            for ignore in ignores {
                // First entity starting at or after the ignore's start.
                var lo = 0
                var hi = entities.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if entities[mid].start < ignore.start { lo = mid + 1 } else { hi = mid }
                }
                var i = lo
                while i < entities.count && entities[i].start < ignore.end {
                    let e = entities[i]
                    if e.end <= ignore.end && (e.length < ignore.length || e.priority <= ignore.priority) { removed[i] = true }
                    i += 1
                }
            }
            entities = entities.indices.filter { !removed[$0] }.map { entities[$0] }
        }
        let ranked = entities.sorted { a, b in
            if a.length != b.length { return a.length > b.length }
            if a.priority != b.priority { return a.priority > b.priority }
            if a.start != b.start { return a.start < b.start }
            return a.label.description < b.label.description
        }
        var taken = [Bool](repeating: false, count: length)
        var kept: [Candidate] = []
        for candidate in ranked {
            var free = true
            for i in candidate.start ..< candidate.end where taken[i] {
                free = false
                break
            }
            guard free else { continue }
            for i in candidate.start ..< candidate.end { taken[i] = true }
            kept.append(candidate)
        }
        return kept.sorted { $0.start < $1.start }
    }
}
