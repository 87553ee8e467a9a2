/// Turns lexicon matches of entity dictionary entries into candidates.
///
/// A surface that starts (ends) with a Latin letter or digit only matches where
/// the text has no Latin letter or digit right before (after) it, so `CT` is
/// not found inside `CTDI` or `PCT`. Every other boundary condition comes from
/// the ``BoundaryRule``s registered for the entry's label.
public struct DictionaryRecognizer: Recognizer {
    private let boundaryRules: [EntityLabel: [any BoundaryRule]]

    /// Creates the recogniser; `boundaryRules` are consulted for the matches
    /// of their label (none by default).
    public init(boundaryRules: [any BoundaryRule] = []) {
        self.boundaryRules = Dictionary(grouping: boundaryRules, by: \.label)
    }

    /// Appends a candidate for every entry match with clean boundaries.
    public func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        for match in context.matches {
            guard let entry = context.entry(of: match) else { continue }
            if CodeUnitClass.isASCIIAlphanumeric(units[match.start]), match.start > 0,
               CodeUnitClass.isASCIIAlphanumeric(units[match.start - 1]) { continue }
            if CodeUnitClass.isASCIIAlphanumeric(units[match.end - 1]), match.end < units.count,
               CodeUnitClass.isASCIIAlphanumeric(units[match.end]) { continue }
            if case .entity(let label) = entry.label, let rules = boundaryRules[label],
               rules.contains(where: { $0.rejects(start: match.start, end: match.end, in: context) }) { continue }
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
