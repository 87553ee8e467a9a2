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
            // The head must end the word: 检查组, 治疗室 are not procedures here.
            if head.end < units.count, Self.continuesWord(units[head.end]) { continue }
            var walk = MorphemeWalk.walk(from: head.start, in: context, maxLength: 30) { match in
                if match.value.isIn(.procedureMorpheme) { return true }
                if let entry = context.entry(of: match), entry.label == .entity(.procedure) { return true }
                return false
            }
            var start = walk.start
            // Latin words and model numbers inside a name (Halsted根治术, Lenke3CN型).
            start = latinWord(endingAt: start, units) ?? start
            if start < head.start, walk.tokens == 0 { walk.tokens = 1 }
            guard walk.tokens > 0 else { continue }
            // The disease or target in front of a full procedure name.
            if let word = context.word(endingAt: start), word.count >= 2, word.count <= 7,
               Self.diseaseEndings.contains(units[start - 1]) {
                start = word.lowerBound
                let more = MorphemeWalk.walk(from: start, in: context, maxLength: 10) { $0.value.isIn(.procedureMorpheme) }
                start = more.start
            }
            let surface = String(decoding: units[start ..< head.end], as: UTF16.self)
            candidates.append(Candidate(
                start: start, end: head.end, label: .entity(.procedure),
                attributes: EntityAttributes(canonical: surface, source: "rule"),
                priority: CandidatePriority.rule
            ))
        }
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

    /// Characters after a head that make it part of another word.
    static func continuesWord(_ u: UInt16) -> Bool {
        "组室科师员费中项者台仪器设械间区".utf16.contains(u)
    }
}
