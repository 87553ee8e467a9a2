/// Finds department names from their structure: specialty or function
/// morphemes followed by a unit suffix (科, 医学科, 室, 部, 中心, 门诊, 病房 …):
/// `脊柱微创骨科`, `麻醉与围术期医学科`, `睡眠呼吸监测室`, `党群工作部`.
///
/// From each suffix the rule walks left over department morphemes and known
/// department names (``MorphemeWalk``); it never takes the hospital in front
/// (hospital words are not morphemes). The suffix must end the word: `科学`,
/// `部长`, `室内` are not departments. Words such as `科室`, `学科` are generic.
/// A department that ends with a dictionary department gets that entry's code
/// (`脊柱微创骨科` → the code of `骨科`).
///
/// Numbered units put a numeral before the suffix (`骨科一病区`, `针灸二科`,
/// `外二科` with a one-character specialty); an elliptical first conjunct
/// without a suffix joins the department after `、` (`微创、急诊外科` is one
/// span, `骨科、眼科` are two).
struct DepartmentRecognizer: Recognizer {
    /// Creates the recogniser.
    public init() {}

    /// Appends department candidates.
    public func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        for suffix in context.matches where suffix.value.isIn(.departmentSuffix) {
            if DepartmentBoundary.continuesWord(context, end: suffix.end) { continue }
            let numbered = suffix.start > 1 && context.hasMatch(from: suffix.start - 1, to: suffix.start, in: .departmentOrdinal)
            let nameEnd = numbered ? suffix.start - 1 : suffix.start
            let walk = walkName(endingAt: nameEnd, context)
            var start = walk.start
            if walk.tokens == 0 {
                // 外二科, 内一科: a one-character specialty before the numeral.
                guard numbered, context.hasMatch(from: nameEnd - 1, to: nameEnd, in: .departmentShort) else { continue }
                start = nameEnd - 1
            } else {
                let isGeneric = context.matches(endingAt: suffix.end).contains { $0.start <= start && $0.value.isIn(.departmentGeneric) }
                if isGeneric { continue }
                // 中心 needs a two-part name (慢病管理中心) or a whole department
                // (脑科中心), not one word (服务中心).
                if !numbered, units[suffix.end - 1] == 0x5FC3, walk.tokens < 2, !endsDepartment(at: suffix.start, from: start, context) { continue }
            }
            start = coordinatedStart(start, end: suffix.end, context)
            candidates.append(Candidate(
                start: start, end: suffix.end, label: .entity(.department),
                attributes: EntityAttributes(code: code(endingAt: suffix.end, from: start, context), source: "rule"),
                priority: CandidatePriority.rule, entry: Candidate.surfaceEntry
            ))
        }
        coordinatedEntries(context, into: &candidates)
    }

    /// Dictionary departments with an elliptical first conjunct before them.
    private func coordinatedEntries(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let boundary = DepartmentBoundary()
        let units = context.units
        for match in context.matches where match.start >= 3 && units[match.start - 1] == 0x3001 {
            guard context.entryLabel(of: match) == .entity(.department),
                  !boundary.rejects(start: match.start, end: match.end, in: context) else { continue }
            let start = coordinatedStart(match.start, end: match.end, context)
            guard start < match.start else { continue }
            candidates.append(Candidate(
                start: start, end: match.end, label: .entity(.department),
                attributes: EntityAttributes(code: context.entryCode(of: match), source: "rule"),
                priority: CandidatePriority.rule, entry: Candidate.surfaceEntry
            ))
        }
    }

    private func walkName(endingAt end: Int, _ context: RecognitionContext) -> MorphemeWalk {
        MorphemeWalk.walk(from: end, in: context, maxLength: 14, accept: { match in
            if match.value.isIn(.departmentMorpheme) { return true }
            if context.entryLabel(of: match) == .entity(.department) { return true }
            return false
        }, isComplete: { match in isComplete(match, context) })
    }

    /// A whole department before a connector: 妇产科和骨科.
    private func isComplete(_ match: LexiconMatch, _ context: RecognitionContext) -> Bool {
        if context.entryLabel(of: match) == .entity(.department) { return true }
        return match.value.isIn(.departmentSuffix) || context.hasMatch(from: match.end - 1, to: match.end, in: .departmentFinal)
    }

    /// Whether a dictionary department or a word ending in a department's last
    /// character (科, 部, 室) ends at `end` and starts at or after `start`.
    private func endsDepartment(at end: Int, from start: Int, _ context: RecognitionContext) -> Bool {
        context.matches(endingAt: end).contains { $0.start >= start && isComplete($0, context) }
    }

    /// The start of a department with an elliptical first conjunct: before
    /// `、`, morphemes that are no whole department of their own share the
    /// suffix of the department after it (`微创、急诊外科`).
    private func coordinatedStart(_ start: Int, end: Int, _ context: RecognitionContext) -> Int {
        guard start >= 3, context.units[start - 1] == 0x3001 else { return start } // 、
        // The department after 、 is a modifier of two or more characters and a
        // whole department (急诊|外科), so the conjunct parallels the modifier;
        // `急救医学、妇产科` has none.
        let hasModifier = context.matches(endingAt: end).contains { match in
            match.start >= start + 2 && match.end - match.start >= 2
                && context.entryLabel(of: match) == .entity(.department)
                && context.hasMatch(from: start, to: match.start, in: .departmentMorpheme)
        }
        guard hasModifier else { return start }
        let first = walkName(endingAt: start - 1, context)
        guard first.tokens > 0, first.start < start - 1 else { return start }
        if endsDepartment(at: start - 1, from: first.start, context) { return start }
        // The conjunct must stand alone: bounded by a clause start or a stop word.
        let bounded = context.isClauseStart(first.start)
            || context.matches(endingAt: first.start).contains { $0.value.isIn(.stop) }
        return bounded ? first.start : start
    }

    /// The code of the longest coded dictionary department that ends the span.
    private func code(endingAt end: Int, from start: Int, _ context: RecognitionContext) -> String? {
        var best: (start: Int, code: String)?
        for match in context.matches(endingAt: end) where match.start >= start {
            guard context.entryLabel(of: match) == .entity(.department) else { continue }
            if let current = best, current.start <= match.start { continue }
            guard let code = context.entryCode(of: match) else { continue }
            best = (match.start, code)
        }
        return best?.code
    }
}
