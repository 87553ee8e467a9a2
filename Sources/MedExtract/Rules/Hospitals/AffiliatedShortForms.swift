/// Short names of affiliated hospitals built from the parent's name and an
/// ordinal: `X大学二附院`, `X医附二院`, `X大一附院` (`附` + ordinal + `院` or
/// ordinal + `附院`). The parent is a university or college the lexicon knows
/// (with the places before it), or two characters of its own short name
/// (`昆医`, `交大`) that punctuation, a function word or a place bounds.
struct AffiliatedShortForms {
    /// Appends affiliated short-form candidates (weak priority, the surface as
    /// canonical name).
    func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        let n = units.count
        guard n >= 5 else { return }
        units.withUnsafeBufferPointer { buffer in
            UnitSearch.forEach(0x9662, in: buffer, from: 4) { i in // 院
                let ordinalThenAffiliated = units[i - 1] == 0x9644 && context.hasMatch(from: i - 2, to: i - 1, in: .hospitalOrdinal) // 二附院
                let affiliatedThenOrdinal = units[i - 2] == 0x9644 && context.hasMatch(from: i - 1, to: i, in: .hospitalOrdinal) // 附二院
                guard ordinalThenAffiliated || affiliatedThenOrdinal else { return }
                if i + 1 < n, context.hasMatch(from: i, to: i + 2, in: .hospitalShortFormBlocker) { return }
                guard let start = parentStart(endingAt: i - 2, context) else { return }
                candidates.append(Candidate(
                    start: start, end: i + 1, label: .entity(.hospital),
                    attributes: EntityAttributes(source: "rule"),
                    priority: CandidatePriority.weakRule, entry: Candidate.surfaceEntry
                ))
            }
        }
    }

    /// Where the parent's name ending at `end` starts, if there is one.
    private func parentStart(endingAt end: Int, _ context: RecognitionContext) -> Int? {
        var p = end
        var sawOrganization = false
        while let token = HospitalNameToken.longest(endingAt: p, nearHead: false, context),
              token.kind == .organization || token.kind == .place && sawOrganization {
            if token.kind == .organization { sawOrganization = true }
            p = token.start
        }
        if sawOrganization {
            return p < end && !isBareStart(p, end, context) ? p : nil
        }
        // Two characters of the parent's own short name.
        let start = end - 2
        guard start >= 0, CodeUnitClass.isIdeograph(context.units[start]), CodeUnitClass.isIdeograph(context.units[start + 1]) else { return nil }
        if context.matches(endingAt: end).contains(where: { $0.start >= start && ($0.value.isIn(.stop) || $0.value.isIn(.hospitalGeneric)) }) { return nil }
        let placeBefore = context.matches(endingAt: start).contains { $0.value.place >= 0 }
        if placeBefore {
            return context.matches(endingAt: start).filter { $0.value.place >= 0 }.map(\.start).min()
        }
        return HospitalNameWalk.isBoundedLeft(start, context) ? start : nil
    }

    /// Whether the parent taken is only a bare 大学 or 学院.
    private func isBareStart(_ start: Int, _ end: Int, _ context: RecognitionContext) -> Bool {
        context.hasMatch(from: start, to: end, in: .organizationSuffix)
    }
}
