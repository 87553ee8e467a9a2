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
        units.withUnsafeBufferPointer { buffer in
            UnitSearch.forEach(0x9662, in: buffer, from: 3) { i in // 院
                guard context.hasMatch(from: i - 1, to: i, in: .hospitalOrdinal),
                      CodeUnitClass.isIdeograph(units[i - 2]), CodeUnitClass.isIdeograph(units[i - 3]) else { return }
                if i + 1 < n, context.hasMatch(from: i, to: i + 2, in: .hospitalShortFormBlocker) { return }
                let start = i - 3
                let prefixIsPlace = context.matches(endingAt: i - 1).contains { $0.start == start && $0.value.place >= 0 }
                let boundedLeft = context.isClauseStart(start)
                    || context.matches(endingAt: start).contains { $0.value.isIn(.stop) }
                guard prefixIsPlace || boundedLeft else { return }
                let prefix = context.matches(endingAt: i - 1).contains { $0.start == start && ($0.value.isIn(.stop) || $0.value.isIn(.hospitalGeneric)) }
                if prefix { return }
                if units[i - 2] == 0x7B2C { return } // 第
                candidates.append(Candidate(
                    start: start, end: i + 1, label: .entity(.hospital),
                    attributes: EntityAttributes(source: "rule"),
                    priority: CandidatePriority.weakRule, entry: Candidate.surfaceEntry
                ))
            }
        }
    }
}
