/// A rule of your own, run alongside the dictionaries and the built-in rules
/// (the role of spaCy's `EntityRuler` patterns).
///
/// Add recognisers to ``ExtractorConfiguration/recognizers``. Each one gets
/// the document's *normalised* text, one chunk at a time — layout whitespace
/// inside words removed, full-width ASCII folded (see <doc:GettingStarted>) —
/// and returns the spans it finds there as UTF-16 offsets into that string
/// (the offsets `NSString`, `NSRegularExpression` and `String.utf16` use).
/// MedExtract maps them back to the caller's original string. Its spans then
/// compete with every other candidate under the one overlap policy: the
/// longest span wins, and on equal length a custom span wins like a user
/// dictionary entry does. Spans out of bounds or empty are ignored.
///
/// ```swift
/// /// Ward numbers such as `3号病区` (digits, then 号病区) as departments.
/// struct WardRecognizer: EntityRecognizer {
///     func spans(in text: String) -> [RecognizedSpan] {
///         let units = Array(text.utf16)
///         let suffix = Array("号病区".utf16)
///         var spans: [RecognizedSpan] = []
///         var i = 0
///         while i < units.count {
///             var j = i
///             while j < units.count, (0x30 ... 0x39).contains(units[j]) { j += 1 }
///             if j > i, units[j...].starts(with: suffix) {
///                 spans.append(RecognizedSpan(utf16Offsets: i ..< j + suffix.count, label: .department))
///                 i = j + suffix.count
///             } else {
///                 i = max(j, i + 1)
///             }
///         }
///         return spans
///     }
/// }
///
/// let extractor = try MedExtractor(configuration: ExtractorConfiguration(recognizers: [WardRecognizer()]))
/// ```
public protocol EntityRecognizer: Sendable {
    /// The spans found in `text`, a chunk of normalised text, as UTF-16
    /// offsets into it, in any order. Called concurrently from many threads
    /// when the extractor is shared; must not trap on any input.
    func spans(in text: String) -> [RecognizedSpan]
}

/// A span an ``EntityRecognizer`` found: where, what, and what else it knows.
public struct RecognizedSpan: Sendable, Hashable {
    /// The span as UTF-16 offsets into the text the recogniser was given, end exclusive.
    public var utf16Offsets: Range<Int>
    /// The label the span gets.
    public var label: EntityLabel
    /// Canonical form, code or figure meaning, reported as given; `source`
    /// is set to `custom` when left `nil`.
    public var attributes: EntityAttributes

    /// Creates a span.
    public init(utf16Offsets: Range<Int>, label: EntityLabel, attributes: EntityAttributes = EntityAttributes()) {
        self.utf16Offsets = utf16Offsets
        self.label = label
        self.attributes = attributes
    }
}

/// Runs a user's ``EntityRecognizer`` as one of the extractor's recognisers.
struct CustomRecognizerAdapter: Recognizer {
    let base: any EntityRecognizer

    func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        let text = String(utf16Units: units)
        for span in base.spans(in: text) {
            let range = span.utf16Offsets
            guard range.lowerBound >= 0, range.upperBound <= units.count, !range.isEmpty else { continue }
            var attributes = span.attributes
            if attributes.source == nil { attributes.source = "custom" }
            candidates.append(Candidate(
                start: range.lowerBound, end: range.upperBound, label: .entity(span.label),
                attributes: attributes, priority: CandidatePriority.userDictionary
            ))
        }
    }
}
