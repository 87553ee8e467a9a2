/// Short hospital names of two characters, a numeral and 院: `长治二院`,
/// `中山一院`, `北医三院`. The two characters must be a place, or punctuation or
/// a function word must bound them on the left; `院长`, `院区` … after them
/// (class `hospital-short-form-blocker`) show they are no name.
struct HospitalShortForms {
    /// Appends short-form candidates (weak priority).
    func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        let n = units.count
        guard n >= 4 else { return }
        for i in 3 ..< n where units[i] == 0x9662 { // 院
            guard context.hasMatch(from: i - 1, to: i, in: .hospitalOrdinal),
                  CodeUnitClass.isIdeograph(units[i - 2]), CodeUnitClass.isIdeograph(units[i - 3]) else { continue }
            if i + 1 < n, context.hasMatch(from: i, to: i + 2, in: .hospitalShortFormBlocker) { continue }
            let start = i - 3
            let prefixIsPlace = context.matches(endingAt: i - 1).contains { $0.start == start && $0.value.place >= 0 }
            let boundedLeft = context.isClauseStart(start)
                || context.matches(endingAt: start).contains { $0.value.isIn(.stop) }
            guard prefixIsPlace || boundedLeft else { continue }
            let prefix = context.matches(endingAt: i - 1).contains { $0.start == start && ($0.value.isIn(.stop) || $0.value.isIn(.hospitalGeneric)) }
            if prefix { continue }
            if units[i - 2] == 0x7B2C { continue } // 第
            candidates.append(Candidate(
                start: start, end: i + 1, label: .entity(.hospital),
                attributes: EntityAttributes(source: "rule"),
                priority: CandidatePriority.weakRule, entry: Candidate.surfaceEntry
            ))
        }
    }
}
