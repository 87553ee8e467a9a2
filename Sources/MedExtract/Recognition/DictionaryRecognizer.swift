/// Turns lexicon matches of entity dictionary entries into candidates.
///
/// A surface that starts (ends) with a Latin letter or digit only matches where
/// the text has no Latin letter or digit right before (after) it, so `CT` is
/// not found inside `CTDI` or `PCT`.
struct DictionaryRecognizer: Recognizer {
    /// Creates the recogniser.
    init() {}

    private func startsInsideHospitalHead(_ match: LexiconMatch, _ context: RecognitionContext) -> Bool {
        for end in (match.start + 1) ..< min(match.end, match.start + 3) {
            if context.matches(endingAt: end).contains(where: { $0.start < match.start && $0.value.isIn(.hospitalHead) }) { return true }
        }
        return false
    }

    /// Appends a candidate for every entry match with clean boundaries.
    func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        for match in context.matches {
            guard let entry = context.entry(of: match) else { continue }
            if CodeUnitClass.isASCIIAlphanumeric(units[match.start]), match.start > 0,
               CodeUnitClass.isASCIIAlphanumeric(units[match.start - 1]) { continue }
            if CodeUnitClass.isASCIIAlphanumeric(units[match.end - 1]), match.end < units.count,
               CodeUnitClass.isASCIIAlphanumeric(units[match.end]) { continue }
            if entry.label == .entity(.department), DepartmentRecognizer.continuesWord(units, suffixEnd: match.end) { continue }
            // A department never starts inside a hospital head: 医院工会 is not 院工会.
            if entry.label == .entity(.department), startsInsideHospitalHead(match, context) { continue }
            if entry.label == .entity(.procedure), ProcedureRecognizer.continuesWord(units, end: match.end) { continue }
            let isUser = context.lexicon.isUserEntry[Int(match.value.entry)]
            let attributes = EntityAttributes(
                canonical: entry.canonical ?? entry.surface,
                code: entry.code,
                source: isUser ? "user-dictionary" : "dictionary"
            )
            candidates.append(Candidate(
                start: match.start, end: match.end, label: entry.label, attributes: attributes,
                priority: isUser ? CandidatePriority.userDictionary : CandidatePriority.dictionary
            ))
        }
    }
}
