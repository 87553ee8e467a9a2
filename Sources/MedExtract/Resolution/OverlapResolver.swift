/// Chooses non-overlapping entities among overlapping candidates.
///
/// The policy, deterministic and independent of the order recognisers ran in:
/// 1. candidates are ranked by length (longer first), then priority (higher
///    first, see ``CandidatePriority``), then start (earlier first), then label;
/// 2. each candidate, in rank order, is kept if it overlaps no kept candidate;
/// 3. kept `IGNORE` candidates are dropped; the rest are returned sorted by start.
///
/// "Longest wins" implements the spec's "take the longest name"
/// (`晋城大医院骨科医院` over `晋城大医院` + `骨科`), and an `IGNORE` entry
/// such as `妇科疾病` suppresses the `妇科` inside it.
public struct OverlapResolver: Sendable {
    /// Creates a resolver.
    public init() {}

    /// Resolves candidates over a text of `length` code units.
    public func resolve(_ candidates: [Candidate], length: Int) -> [Candidate] {
        let ranked = candidates.filter { $0.start >= 0 && $0.end <= length && $0.start < $0.end }.sorted { a, b in
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
            if case .entity = candidate.label { kept.append(candidate) }
        }
        return kept.sorted { $0.start < $1.start }
    }
}
