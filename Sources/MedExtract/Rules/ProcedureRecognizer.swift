/// Finds procedure names from their structure: approach + target + action +
/// head (`腹腔镜胰十二指肠切除术`, `超声支气管镜引导下经支气管针吸活检术`,
/// `椎间孔镜下清创灌洗术`, `病理检查`, `微创技术`).
///
/// From each head (术, 切除, 置换, 活检, 检查, 治疗, 技术 …) the rule walks left
/// over procedure morphemes, known procedure names and Latin words (`Halsted`,
/// `Lenke3CN型`); once it has taken a morpheme it may also take the disease
/// or target word in front, as ICU segments it (`乳腺癌腋窝手术`,
/// `鼻咽癌根治性放射治疗`). A bare head (`手术`, `治疗`) or a disease followed by
/// a bare head (`腰椎管狭窄治疗`) is not a procedure.
public struct ProcedureRecognizer: Recognizer {
    /// Creates the recogniser.
    public init() {}

    /// Appends procedure candidates.
    public func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        for head in context.matches where head.value.isIn(.procedureHead) {
            // The head must end the word: 检查组, 治疗室 are not procedures here;
            // a Latin head must not continue a Latin word (CT in CTDI).
            if ProcedureBoundary.continues(context, at: head.end) { continue }
            if CodeUnitClass.isASCIILetter(units[head.start]) {
                if head.start > 0, CodeUnitClass.isASCIIAlphanumeric(units[head.start - 1]) { continue }
                if head.end < units.count, CodeUnitClass.isASCIIAlphanumeric(units[head.end]) { continue }
            }
            // `手术治疗`, `放射治疗治疗`: a generic 治疗/检查 after a complete name ends nothing new.
            if Self.isFollowUpHead(head, units), head.start > 0, Self.endsProcedure(units, at: head.start) { continue }
            // Heads may stand inside a name (椎间孔镜治疗技术), but a name needs at
            // least one approach, target or known procedure: `治疗技术`, `治疗手术` are not names.
            var walk = MorphemeWalk.walk(from: head.start, in: context, maxLength: 30, accept: { match in
                if match.value.isIn(.procedureMorpheme) || match.value.isIn(.procedureHead) { return true }
                if let entry = context.entry(of: match), entry.label == .entity(.procedure) { return true }
                return false
            }, isComplete: { match in
                // Two names joined by 和/与/及 stay two: 腹腔镜技术和椎间孔镜技术.
                if let entry = context.entry(of: match), entry.label == .entity(.procedure) { return true }
                return match.value.isIn(.procedureHead)
            }, isSubstantive: { match in
                if match.value.isIn(.procedureMorpheme) { return true }
                if let entry = context.entry(of: match), entry.label == .entity(.procedure) { return true }
                return false
            })
            if walk.substantiveTokens == 0 { walk.tokens = 0 }
            var start = walk.start
            // Latin words and model numbers inside a name (Halsted根治术, Lenke3CN型).
            if let latin = latinWord(endingAt: start, units), latin < start {
                start = latin
                walk.tokens += 1
                start = MorphemeWalk.walk(from: start, in: context, maxLength: 20) { $0.value.isIn(.procedureMorpheme) }.start
            }
            let takesDisease = walk.tokens > 0 || Self.isSurgeryHead(head, units)
            // The disease or target in front of a full procedure name: 乳腺癌腋窝手术, 胆管癌手术.
            if takesDisease, start > 0, Self.diseaseEndings.contains(units[start - 1]),
               let diseaseStart = diseaseWordStart(endingAt: start, context) {
                start = MorphemeWalk.walk(from: diseaseStart, in: context, maxLength: 10) { $0.value.isIn(.procedureMorpheme) }.start
                walk.tokens += 1
            }
            guard walk.tokens > 0, start < head.start || !Self.isGenericHead(head, units) else { continue }
            let surface = String(decoding: units[start ..< head.end], as: UTF16.self)
            candidates.append(Candidate(
                start: start, end: head.end, label: .entity(.procedure),
                attributes: EntityAttributes(canonical: surface, source: "rule"),
                priority: CandidatePriority.rule
            ))
        }
    }

    /// The start of the disease words (ICU words, ideographs only, at most
    /// eight characters, no stop words) that end at `end`.
    private func diseaseWordStart(endingAt end: Int, _ context: RecognitionContext) -> Int? {
        var p = end
        var words = 0
        while words < 3, let word = context.word(endingAt: p), end - word.lowerBound <= 8 {
            let units = context.units
            guard units[word].allSatisfy(CodeUnitClass.isIdeograph) else { break }
            if context.matches(endingAt: p).contains(where: { $0.start == word.lowerBound && ($0.value.isIn(.stop) || $0.value.isIn(.hospitalHead)) }) { break }
            // A target morpheme reaching further left than the word (肝门|部) is
            // left to the morpheme walk that follows.
            if words > 0, context.matches(endingAt: p).contains(where: { $0.start < word.lowerBound && $0.value.isIn(.procedureMorpheme) }) { break }
            p = word.lowerBound
            words += 1
        }
        return words > 0 && end - p >= 2 ? p : nil
    }

    /// 治疗, 检查, 技术, 疗法 … : heads that say nothing on their own.
    static func isGenericHead(_ head: LexiconMatch, _ units: [UInt16]) -> Bool {
        let text = String(decoding: units[head.start ..< head.end], as: UTF16.self)
        return genericHeads.contains(text)
    }

    static let genericHeads: Set<String> = ["治疗", "检查", "技术", "疗法", "手术", "术", "检测", "监测", "筛查", "评估", "注射"]

    /// 治疗, 检查: heads that only repeat what a complete name before them says.
    static func isFollowUpHead(_ head: LexiconMatch, _ units: [UInt16]) -> Bool {
        let text = String(decoding: units[head.start ..< head.end], as: UTF16.self)
        return text == "治疗" || text == "检查"
    }

    /// 手术, 术: heads a disease name may stand before (乳腺癌手术).
    static func isSurgeryHead(_ head: LexiconMatch, _ units: [UInt16]) -> Bool {
        units[head.end - 1] == 0x672F // 术
    }

    /// Whether a procedure name ends at `position` (…术, …手术, …治疗).
    static func endsProcedure(_ units: [UInt16], at position: Int) -> Bool {
        let last = units[position - 1]
        if last == 0x672F { return true } // 术
        return position >= 2 && units[position - 2] == 0x6CBB && last == 0x7597 // 治疗
    }

    /// The start of a Latin word (letters, digits, `-`, and a following 型)
    /// that ends at `end`, if one does.
    private func latinWord(endingAt end: Int, _ units: [UInt16]) -> Int? {
        var p = end
        if p > 0 && units[p - 1] == 0x578B { p -= 1 } // 型
        var q = p
        while q > 0 && (CodeUnitClass.isASCIIAlphanumeric(units[q - 1]) || units[q - 1] == 0x2D) { q -= 1 }
        guard q < p, CodeUnitClass.isASCIILetter(units[q]) else { return nil }
        return q
    }

    /// Last characters of disease words: 癌 病 瘤 炎 症 折 (骨折) 形 (畸形) 弯 (侧弯) 伤 石 …
    static let diseaseEndings: Set<UInt16> = Set("癌病瘤炎症折形弯伤石血死阻物肿窄".utf16)
}
