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
struct DepartmentRecognizer: Recognizer {
    /// Creates the recogniser.
    init() {}

    /// Appends department candidates.
    func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        for suffix in context.matches where suffix.value.isIn(.departmentSuffix) {
            if Self.continuesWord(units, suffixEnd: suffix.end) { continue }
            let walk = MorphemeWalk.walk(from: suffix.start, in: context, maxLength: 14, accept: { match in
                if match.value.isIn(.departmentMorpheme) { return true }
                if let entry = context.entry(of: match), entry.label == .entity(.department) { return true }
                return false
            }, isComplete: { match in
                // A whole department before a connector: 妇产科和骨科.
                if let entry = context.entry(of: match), entry.label == .entity(.department) { return true }
                return match.value.isIn(.departmentSuffix) || Self.endsWithSuffix(units[match.end - 1])
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

    static func endsWithSuffix(_ u: UInt16) -> Bool {
        u == 0x79D1 || u == 0x90E8 || u == 0x5BA4 || u == 0x8BCA // 科 部 室 诊
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

    /// Whether the text after a suffix ending at `suffixEnd` makes it part of
    /// another word; `科学科` (普通外科学科) is a department followed by 学科.
    static func continuesWord(_ units: [UInt16], suffixEnd: Int) -> Bool {
        guard suffixEnd < units.count else { return false }
        if units[suffixEnd - 1] == 0x79D1, suffixEnd + 1 < units.count {
            let next = units[suffixEnd], after = units[suffixEnd + 1]
            if next == 0x5B66 && after == 0x79D1 { return false } // 科 + 学科
            if next == 0x6280 && after == 0x672F { return false } // 科 + 技术
        }
        return continuesWord(suffix: units[suffixEnd - 1], next: units[suffixEnd])
    }

    /// Whether the character after a suffix makes it part of another word
    /// (科学, 科技, 科研, 部长, 部分, 室友, 中心城区 …).
    static func continuesWord(suffix: UInt16, next: UInt16) -> Bool {
        switch suffix {
        case 0x79D1: return "学技研普长员目幻考协".utf16.contains(next) // 科
        case 0x90E8: return "长分门署队位件委落".utf16.contains(next) // 部
        case 0x5BA4: return "友".utf16.contains(next) // 室
        case 0x5FC3: return "城区组".utf16.contains(next) // 心 (中心)
        case 0x8BCA: return "量部".utf16.contains(next) // 诊 (门诊)
        default: return false
        }
    }
}
