/// The left edge of a procedure name: approach, qualifier and setting words in
/// front of it (`单孔`, `经脐`, `3D`, `机器人辅助下`, `人工`, `左侧`, `急诊`), and
/// the start of the ICU word the edge falls in (`普外科手术`, not `外科手术`).
extension ProcedureRecognizer {
    /// Moves `start` left over procedure morphemes, qualifiers, setting words
    /// and Latin words, and to the start of the word it falls inside, until
    /// nothing more is taken.
    /// With `morphemes` false only qualifiers, setting and Latin words are
    /// taken: an action word before a complete name (`置入|体外膜肺氧合`) is a verb.
    static func extendLeft(from start: Int, _ context: RecognitionContext, morphemes: Bool = true) -> Int {
        let units = context.units
        var p = start
        var rounds = 0
        while p > 0, rounds < 8 {
            rounds += 1
            let before = p
            p = MorphemeWalk.walk(from: p, in: context, maxLength: 16, accept: { match in
                (morphemes && match.value.isIn(.procedureMorpheme)) || match.value.isIn(.procedureQualifier) || match.value.isIn(.procedureSetting)
            }, isComplete: { match in
                if context.entryLabel(of: match) == .entity(.procedure) { return true }
                return match.value.isIn(.procedureHead)
            }).start
            // Parts listed with 、 before a shared head (左、右半肝切除).
            // Only one-character parts (左、右, 肝、胆): longer words before 、 are list items.
            if morphemes, p >= 3, units[p - 1] == 0x3001, startsWithPart(p, context),
               let part = context.longestMatch(endingAt: p - 1, where: { $0.end - $0.start == 1 && isPart($0, context) }),
               part.start == 0 || !CodeUnitClass.isIdeograph(units[part.start - 1]) || context.isWordBoundary(part.start) {
                p = part.start
                continue
            }
            if let latin = latinWord(endingAt: p, units), latin < p { p = latin }
            // A morpheme straddling the edge (内|镜下: 内镜 ends inside the token taken).
            if p > 0 {
                for q in (p + 1) ... min(p + 2, units.count) {
                    if let token = context.longestMatch(endingAt: q, where: { $0.start < p && (morphemes && $0.value.isIn(.procedureMorpheme) || $0.value.isIn(.procedureQualifier)) }),
                       p - token.start <= 6 {
                        p = token.start
                        break
                    }
                }
            }
            p = wordStart(containing: p, context)
            if p == before { break }
        }
        // `超声实时引导下|经支气管…`: the tail of an approach whose guide was
        // not taken is not part of the name.
        while let tail = tailStarting(at: p, before: units.count - 1, context) {
            p = tail
        }
        return p
    }

    /// The end of an approach tail (引导下, 辅助下) that starts at `position`
    /// and ends at or before `limit`.
    static func tailStarting(at position: Int, before limit: Int, _ context: RecognitionContext) -> Int? {
        var end = position + 1
        var found: Int?
        while end <= limit, end - position <= 3 {
            if context.hasMatch(from: position, to: end, in: .approachTail) { found = end }
            end += 1
        }
        return found
    }

    /// A morpheme that is not a whole name of its own (a head or a dictionary procedure).
    static func isPart(_ match: LexiconMatch, _ context: RecognitionContext) -> Bool {
        guard match.value.isIn(.procedureMorpheme), !match.value.isIn(.procedureHead) else { return false }
        if context.entryLabel(of: match) == .entity(.procedure) { return false }
        return true
    }

    /// Whether a part (see ``isPart``) starts at `position`.
    static func startsWithPart(_ position: Int, _ context: RecognitionContext) -> Bool {
        for length in 1 ... 6 where position + length <= context.units.count {
            if context.matches(endingAt: position + length).contains(where: { $0.start == position && isPart($0, context) }) { return true }
        }
        return false
    }

    /// The start of the ICU word that `position` falls strictly inside, when
    /// the part of it before `position` is one to three ideographs without a
    /// stop word; otherwise `position`.
    ///
    /// Which of the one to three possible word starts would be taken depends
    /// on the dictionary matches alone, so they are found first and ICU is
    /// asked only when one of them could be.
    static func wordStart(containing position: Int, _ context: RecognitionContext) -> Int {
        guard position > 0, !context.isClauseStart(position) else { return position }
        let units = context.units
        guard CodeUnitClass.isIdeograph(units[position - 1]), CodeUnitClass.isIdeograph(units[position]) else { return position }
        var acceptable: UInt8 = 0 // bit d: a word start d units back would be taken
        for distance in 1 ... 3 {
            let start = position - distance
            // The part before `position` is ideographs only (so also within the clause).
            guard start >= 0, CodeUnitClass.isIdeograph(units[start]) else { break }
            if acceptsWordStart(start, before: position, context) { acceptable |= 1 << UInt8(distance) }
        }
        guard acceptable != 0 else { return position }
        let boundaries = context.wordBoundaries(around: position)
        // Boundaries are sorted: binary search keeps long clauses linear.
        let lo = RecognitionContext.firstIndex(notBelow: position, in: boundaries)
        if lo < boundaries.count, boundaries[lo] == position { return position }
        guard lo > 0 else { return position }
        let wordStart = boundaries[lo - 1]
        let distance = position - wordStart
        guard distance >= 1, distance <= 3, acceptable & (1 << UInt8(distance)) != 0 else { return position }
        return wordStart
    }

    /// Whether a word starting at `start` (one to three ideographs before
    /// `position`) is taken: no stop word inside the part before `position`,
    /// no hospital head ending inside the word (医院|外科), and no known word
    /// crossing its start (植入|主动脉: ICU's 入主 is wrong).
    private static func acceptsWordStart(_ start: Int, before position: Int, _ context: RecognitionContext) -> Bool {
        for q in start ..< position
        where context.matches(endingAt: q + 1).contains(where: { $0.start >= start && $0.value.isIn(.stop) }) {
            return false
        }
        for q in (start + 1) ... position
        where context.matches(endingAt: q).contains(where: { $0.value.isIn(.hospitalHead) || $0.start < start }) {
            return false
        }
        return true
    }

    /// Moves `start` left over measured targets listed with `、`, `与`, `和`, `及`
    /// before the target that starts the name (`血压、血糖检查`).
    static func extendOverListedTargets(from start: Int, _ context: RecognitionContext) -> Int {
        let units = context.units
        var p = start
        while p >= 3,
              startsWithTarget(p, context),
              isListConnector(units[p - 1]),
              let target = context.longestMatch(endingAt: p - 1, where: { $0.value.isIn(.measurementTarget) }) {
            p = target.start
        }
        return p
    }

    /// Whether a measured target starts at `position`.
    static func startsWithTarget(_ position: Int, _ context: RecognitionContext) -> Bool {
        for length in 1 ... 6 where position + length <= context.units.count {
            if context.matches(endingAt: position + length).contains(where: { $0.start == position && $0.value.isIn(.measurementTarget) }) { return true }
        }
        return false
    }

    /// `、`, `与`, `和`, `及`: connectors of a list of targets.
    static func isListConnector(_ u: UInt16) -> Bool {
        u == 0x3001 || MorphemeWalk.isConnector(u) && u != 0x2D
    }

    /// Whether the text from `start` to `end` is a department name (a
    /// dictionary department, or a name whose last morpheme is a department
    /// suffix) and nothing more: `骨科|技术`, but not `3D腹腔镜精准外科|技术`.
    static func isDepartment(from start: Int, to end: Int, _ context: RecognitionContext) -> Bool {
        context.matches(endingAt: end).contains { match in
            guard match.start <= start else { return false }
            if context.entryLabel(of: match) == .entity(.department) { return true }
            return false
        } || (end - start <= 3 && context.matches(endingAt: end).contains { $0.value.isIn(.departmentSuffix) && $0.start < end })
    }

    /// Candidates for dictionary procedure names whose left edge extends over
    /// qualifiers or into a word (`急诊PCI`, `左侧人工股骨头置换术`).
    func extendDictionaryNames(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        for match in context.matches {
            guard context.entryLabel(of: match) == .entity(.procedure) else { continue }
            if CodeUnitClass.isASCIIAlphanumeric(units[match.start]), match.start > 0,
               CodeUnitClass.isASCIIAlphanumeric(units[match.start - 1]) { continue }
            if CodeUnitClass.isASCIIAlphanumeric(units[match.end - 1]), match.end < units.count,
               CodeUnitClass.isASCIIAlphanumeric(units[match.end]) { continue }
            if ProcedureBoundary().rejects(start: match.start, end: match.end, in: context) { continue }
            let start = Self.extendLeft(from: match.start, context, morphemes: false)
            guard start < match.start else { continue }
            if ProcedureBoundary().rejects(start: start, end: match.end, in: context) { continue }
            candidates.append(Candidate(
                start: start, end: match.end, label: .entity(.procedure),
                attributes: EntityAttributes(source: "rule"),
                priority: CandidatePriority.rule, entry: Candidate.surfaceEntry
            ))
        }
    }
}
