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
public struct DepartmentRecognizer: Recognizer {
    /// Creates the recogniser.
    public init() {}

    /// Appends department candidates.
    public func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        for suffix in context.matches where suffix.value.isIn(.departmentSuffix) {
            if DepartmentBoundary.continuesWord(context, end: suffix.end) { continue }
            let walk = MorphemeWalk.walk(from: suffix.start, in: context, maxLength: 14, accept: { match in
                if match.value.isIn(.departmentMorpheme) { return true }
                if let entry = context.entry(of: match), entry.label == .entity(.department) { return true }
                return false
            }, isComplete: { match in
                // A whole department before a connector: 妇产科和骨科.
                if let entry = context.entry(of: match), entry.label == .entity(.department) { return true }
                return match.value.isIn(.departmentSuffix) || context.hasMatch(from: match.end - 1, to: match.end, in: .departmentFinal)
            })
            guard walk.tokens > 0 else { continue }
            let start = walk.start
            let isGeneric = context.matches(endingAt: suffix.end).contains { $0.start <= start && $0.value.isIn(.departmentGeneric) }
            if isGeneric { continue }
            // 中心 needs a two-part name (慢病管理中心), not one word (服务中心).
            if units[suffix.end - 1] == 0x5FC3, walk.tokens < 2 { continue }
            let surface = String(decoding: units[start ..< suffix.end], as: UTF16.self)
            candidates.append(Candidate(
                start: start, end: suffix.end, label: .entity(.department),
                attributes: EntityAttributes(canonical: surface, code: code(endingAt: suffix.end, from: start, context), source: "rule"),
                priority: CandidatePriority.rule
            ))
        }
    }

    /// The code of the longest coded dictionary department that ends the span.
    private func code(endingAt end: Int, from start: Int, _ context: RecognitionContext) -> String? {
        var best: (start: Int, code: String)?
        for match in context.matches(endingAt: end) where match.start >= start {
            guard let entry = context.entry(of: match), entry.label == .entity(.department), let code = entry.code else { continue }
            if let current = best, current.start <= match.start { continue }
            best = (match.start, code)
        }
        return best?.code
    }
}
