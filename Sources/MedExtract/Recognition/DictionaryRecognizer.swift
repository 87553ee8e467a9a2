/// Turns lexicon matches of entity dictionary entries into candidates.
///
/// A surface that starts (ends) with a Latin letter or digit only matches where
/// the text has no Latin letter or digit right before (after) it, so `CT` is
/// not found inside `CTDI` or `PCT`. Every other boundary condition comes from
/// the ``BoundaryRule``s registered for the entry's label.
struct DictionaryRecognizer: Recognizer {
    /// The boundary rules of each label, by ``EntityLabel/order`` (an array
    /// index a match, not a hash).
    private let boundaryRules: [[any BoundaryRule]]

    /// Creates the recogniser; `boundaryRules` are consulted for the matches
    /// of their label (none by default).
    public init(boundaryRules: [any BoundaryRule] = []) {
        self.boundaryRules = EntityLabel.allCases.map { label in boundaryRules.filter { $0.label == label } }
    }

    /// Appends a candidate for every entry match with clean boundaries (its
    /// names are the entry's, filled in when it is kept).
    public func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        let entries = context.entries
        for match in context.matches {
            guard match.value.entry >= 0 else { continue }
            let index = Int(match.value.entry)
            if CodeUnitClass.isASCIIAlphanumeric(units[match.start]), match.start > 0,
               CodeUnitClass.isASCIIAlphanumeric(units[match.start - 1]) { continue }
            if CodeUnitClass.isASCIIAlphanumeric(units[match.end - 1]), match.end < units.count,
               CodeUnitClass.isASCIIAlphanumeric(units[match.end]) { continue }
            // Only the label until the match is kept: no strings decoded for rejected ones.
            let label = entries.label(at: index)
            if case .entity(let label) = label,
               boundaryRules[label.order].contains(where: { $0.rejects(start: match.start, end: match.end, in: context) }) { continue }
            let isUser = entries.isUser(index)
            // The entry's canonical name and code are decoded only if the
            // candidate is kept (``MedExtractor/withEntryNames(_:)``).
            candidates.append(Candidate(
                start: match.start, end: match.end, label: label,
                attributes: EntityAttributes.dictionarySource(user: isUser),
                priority: isUser ? CandidatePriority.userDictionary : CandidatePriority.dictionary,
                entry: Int32(truncatingIfNeeded: index)
            ))
        }
    }
}
