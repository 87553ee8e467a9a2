/// Verb + target mentions of a procedure (ANNOTATION.md, 2026-12-01): a
/// measurement verb before what it measures (`测血压`, `测量血糖与血压`) and an
/// operation verb before its target (`切除息肉`, `植入支架`, `置换髋关节`).
///
/// The verb and its target must be contiguous (`量了血压` is not one), the verb
/// must start a word and the target must end one (`血压计` is a device); a verb
/// without a target (`切除`) is no mention. Targets listed with `、`, `与`, `和`,
/// `及` after one verb stay in its span (`检查血压、血糖`).
extension ProcedureRecognizer {
    /// Appends a candidate for every verb + target mention.
    func recognizeVerbTargets(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        for verb in context.matches {
            let targetClass: RuleClass
            if verb.value.isIn(.measurementVerb) {
                targetClass = .measurementTarget
            } else if verb.value.isIn(.operationVerb) {
                targetClass = .operationTarget
            } else {
                continue
            }
            // The dictionary test first: word boundaries (ICU) are asked
            // only about a verb that has a target after it.
            guard verb.end < units.count, let found = Self.longestTarget(startingAt: verb.end, targetClass, context),
                  Self.startsWord(verb.start, context), Self.endsWord(found, context) else { continue }
            var end = found
            // Further targets in a list after the same verb.
            while end + 1 < units.count, Self.isListConnector(units[end]),
                  let next = Self.target(startingAt: end + 1, targetClass, context) {
                end = next
            }
            // The approach before the verb belongs to it: 内镜下切除息肉.
            let start = Self.extendLeft(from: verb.start, context)
            if ProcedureBoundary().rejects(start: start, end: end, in: context) { continue }
            candidates.append(Candidate(
                start: start, end: end, label: .entity(.procedure),
                attributes: EntityAttributes(source: "rule"),
                priority: CandidatePriority.rule, entry: Candidate.surfaceEntry
            ))
        }
    }

    /// The end of the longest target of `targetClass` that starts at `position`
    /// and ends a word, if one does.
    static func target(startingAt position: Int, _ targetClass: RuleClass, _ context: RecognitionContext) -> Int? {
        guard let found = longestTarget(startingAt: position, targetClass, context), endsWord(found, context) else { return nil }
        return found
    }

    /// The end of the longest target of `targetClass` that starts at
    /// `position`, whether or not it ends a word.
    static func longestTarget(startingAt position: Int, _ targetClass: RuleClass, _ context: RecognitionContext) -> Int? {
        let units = context.units
        var best: Int?
        var end = position + 1
        while end <= units.count, end - position <= 8 {
            if context.matches(endingAt: end).contains(where: { $0.start == position && $0.value.isIn(targetClass) }) {
                best = end
            }
            end += 1
        }
        return best
    }

    /// Whether `position` starts a word: after a non-ideograph, at a clause
    /// start, or at an ICU word boundary.
    static func startsWord(_ position: Int, _ context: RecognitionContext) -> Bool {
        if position == 0 || context.isClauseStart(position) { return true }
        if !CodeUnitClass.isIdeograph(context.units[position - 1]) { return true }
        return context.isWordBoundary(position)
    }

    /// Whether `position` ends a word and does not run on into a device or
    /// unit noun (`血压计`, `血糖仪`).
    static func endsWord(_ position: Int, _ context: RecognitionContext) -> Bool {
        let units = context.units
        if position >= units.count || !CodeUnitClass.isIdeograph(units[position]) { return true }
        if ProcedureBoundary.continues(context, at: position) { return false }
        return context.isWordBoundary(position)
    }
}
