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
struct ProcedureRecognizer: Recognizer {
    /// Creates the recogniser.
    init() {}

    /// Appends procedure candidates.
    func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
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
            if head.value.isIn(.procedureFollowUpHead), head.start > 0, Self.endsProcedure(at: head.start, context) { continue }
            // Heads may stand inside a name (椎间孔镜治疗技术), but a name needs at
            // least one approach, target or known procedure: `治疗技术`, `治疗手术` are not names.
            let measures = head.value.isIn(.measurementHead)
            let operates = !head.value.isIn(.procedureFollowUpHead)
            var takesAction = false
            var walk = MorphemeWalk.walk(from: head.start, in: context, maxLength: 30, accept: { match in
                // `再通术治疗肝移植术`: a follow-up head after a complete name is a verb, not part of a name.
                if match.value.isIn(.procedureFollowUpHead), match.start > 0, Self.endsProcedure(at: match.start, context) { return false }
                if measures, match.value.isIn(.measurementTarget) { return true }
                // What an operation acts on (人工晶体植入手术), but not before a bare
                // 治疗/检查: `肿瘤治疗` names a disease's treatment, no procedure.
                if operates, match.value.isIn(.operationTarget) { return true }
                if match.value.isIn(.procedureHead) { takesAction = true; return true }
                if match.value.isIn(.procedureMorpheme) { return true }
                if context.entryLabel(of: match) == .entity(.procedure) { takesAction = true; return true }
                return false
            }, isComplete: { match in
                // Two names joined by 和/与/及 stay two: 腹腔镜技术和椎间孔镜技术.
                if context.entryLabel(of: match) == .entity(.procedure) { return true }
                return match.value.isIn(.procedureHead)
            }, isSubstantive: { match in
                if match.value.isIn(.procedureMorpheme) { return true }
                if measures, match.value.isIn(.measurementTarget) { return true }
                if operates, match.value.isIn(.operationTarget) { return true }
                if context.entryLabel(of: match) == .entity(.procedure) { return true }
                return false
            })
            if walk.substantiveTokens == 0 { walk.tokens = 0 }
            var start = walk.start
            // Latin words and model numbers inside a name (Halsted根治术, Lenke3CN型).
            if let latin = Self.latinWord(endingAt: start, units), latin < start {
                start = latin
                walk.tokens += 1
                start = MorphemeWalk.walk(from: start, in: context, maxLength: 20) { $0.value.isIn(.procedureMorpheme) }.start
            }
            let takesDisease = walk.tokens > 0 || Self.isSurgeryHead(head, context) || head.value.isIn(.operationVerb)
            // The disease or target in front of a full procedure name: 乳腺癌腋窝手术, 胆管癌手术.
            if takesDisease, start > 0, Self.endsDisease(at: start, context),
               let diseaseStart = diseaseWordStart(endingAt: start, context) {
                start = MorphemeWalk.walk(from: diseaseStart, in: context, maxLength: 10) { $0.value.isIn(.procedureMorpheme) }.start
                walk.tokens += 1
            } else if takesDisease, start > 1, Self.endsDisease(at: start, context) {
                // No word boundary before the head (结肠|癌手术): a target
                // morpheme right before the disease character names it (结肠癌).
                let target = MorphemeWalk.walk(from: start - 1, in: context, maxLength: 10) { $0.value.isIn(.procedureMorpheme) }
                if target.tokens > 0 {
                    start = target.start
                    walk.tokens += 1
                }
            }
            // A setting word makes a surgery a kind of procedure: 急诊手术.
            if walk.tokens == 0, Self.isSurgeryHead(head, context),
               let setting = context.longestMatch(endingAt: start, where: { $0.value.isIn(.procedureSetting) }) {
                start = setting.start
                walk.tokens = 1
            }
            // `造影显示…`: a few heads name a procedure on their own.
            if walk.tokens == 0, head.value.isIn(.procedureStandaloneHead), Self.startsWord(head.start, context) { walk.tokens = 1 }
            guard walk.tokens > 0, start < head.start || !head.value.isIn(.procedureGenericHead) else { continue }
            // `乳腺癌术后`, `右眼术前`: 术 of 术后/术前/术中 ends no name unless an action precedes it.
            if !takesAction, head.end - head.start == 1, head.end < units.count,
               context.matches(endingAt: head.end + 1).contains(where: { $0.start == head.end && $0.value.isIn(.surgeryTime) }) { continue }
            // `骨科技术`: a department's skill is not a technique of a procedure.
            if head.value.isIn(.techniqueHead), Self.isDepartment(from: start, to: head.start, context) { continue }
            start = Self.extendLeft(from: start, context)
            // `血压、血糖检查`: measured targets listed before one head share it.
            if measures { start = Self.extendOverListedTargets(from: start, context) }
            if ProcedureBoundary().rejects(start: start, end: head.end, in: context) { continue }
            candidates.append(Candidate(
                start: start, end: head.end, label: .entity(.procedure),
                attributes: EntityAttributes(source: "rule"),
                priority: CandidatePriority.rule, entry: Candidate.surfaceEntry
            ))
        }
        extendDictionaryNames(context, into: &candidates)
        recognizeVerbTargets(context, into: &candidates)
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

    /// Whether the head ends in a surgery ending (手术, 术), before which a
    /// disease name may stand (乳腺癌手术).
    static func isSurgeryHead(_ head: LexiconMatch, _ context: RecognitionContext) -> Bool {
        context.matches(endingAt: head.end).contains { $0.start >= head.start && $0.value.isIn(.surgeryFinal) }
    }

    /// Whether a procedure name ends at `position` (…术, …手术, …治疗).
    static func endsProcedure(at position: Int, _ context: RecognitionContext) -> Bool {
        context.matches(endingAt: position).contains { $0.value.isIn(.procedureFinal) }
    }

    /// Whether the character before `position` ends a disease word (癌, 瘤, 炎, 折 …).
    static func endsDisease(at position: Int, _ context: RecognitionContext) -> Bool {
        context.matches(endingAt: position).contains { $0.start == position - 1 && $0.value.isIn(.diseaseEnding) }
    }

    /// The start of a Latin word (letters, digits, `-`, and a following 型)
    /// that ends at `end`, if one does.
    static func latinWord(endingAt end: Int, _ units: [UInt16]) -> Int? {
        var p = end
        if p > 0 && units[p - 1] == 0x578B { p -= 1 } // 型
        var q = p
        while q > 0 && (CodeUnitClass.isASCIIAlphanumeric(units[q - 1]) || units[q - 1] == 0x2D) { q -= 1 }
        guard q < p, CodeUnitClass.isASCIILetter(units[q]) else { return nil }
        return q
    }

}
