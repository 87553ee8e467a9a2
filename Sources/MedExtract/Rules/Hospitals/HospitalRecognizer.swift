/// Finds hospital names no dictionary holds, from their structure:
/// `[place…][name][qualifiers] head`, where the head is a hospital head noun
/// (医院, 妇幼保健院, 卫生院, 医学中心, 分院, 院区 …).
///
/// From each head the rule walks left over tokens ending where it stands,
/// longest first (``HospitalNameWalk``): a hospital already found there (a
/// parent institution: `解放军总医院` + `第七医学中心`), place names from the
/// gazetteer (`甘肃省酒泉市肃州区`), parent organisations (`首都医科大学`, `附属`),
/// qualifiers (`人民`, `第一`, `中西医结合`), a number (`301`), or up to four
/// unknown characters of the proper name (`白求恩`, `同仁`). It stops at
/// punctuation and function words (`来自`, `在`, `与`).
///
/// - A name with a place, an organisation, a parent or a number is a hospital.
/// - A name of unknown characters alone (`古书院分院`) is a hospital only when
///   punctuation or a function word bounds it on the left (weak priority).
/// - A head with only qualifiers or generic words (`骨科医院`, `基层医院`,
///   `三级甲等综合医院`) is a type of institution, not a name: it becomes an
///   `IGNORE` span, unless the document names it as part of a full name (see
///   ``DocumentAliasPass``).
///
/// Short forms `长治二院`, `中山一院` (two characters + numeral + 院,
/// ``HospitalShortForms``) and `X大学二附院`, `X医附二院`
/// (``AffiliatedShortForms``) are also found.
struct HospitalRecognizer: Recognizer {
    /// The most unknown characters a proper name may have.
    static let maxUnknown = 4

    /// The longest name the walk builds, head included, in UTF-16 code units.
    /// Real names stay well under it (`中国人民解放军总医院第七医学中心` is 16);
    /// the bound keeps a chain of heads (`北京医院医院医院…`) from building one
    /// ever longer candidate per head, which made extraction quadratic.
    static let maxNameLength = 40

    /// Creates the recogniser.
    public init() {}

    /// Appends hospital candidates.
    public func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        var found = HospitalSpans(length: context.units.count)
        for match in context.matches {
            if context.entryLabel(of: match) == .entity(.hospital) {
                found.register(start: match.start, end: match.end)
            }
        }
        for head in context.matches where head.value.isIn(.hospitalHead) {
            recognize(head: head, context, found: &found, into: &candidates)
        }
        HospitalShortForms().recognize(context, into: &candidates)
        AffiliatedShortForms().recognize(context, into: &candidates)
    }

    /// What the name in front of one head turns out to be.
    private enum Outcome {
        /// A type of institution (`骨科医院`, `新院区`): an `IGNORE` span.
        case category(start: Int)
        /// A hospital name; `strong` when it has a place, parent or number.
        case hospital(start: Int, strong: Bool)
        /// Nothing.
        case none
    }

    private func recognize(head: LexiconMatch, _ context: RecognitionContext, found: inout HospitalSpans, into candidates: inout [Candidate]) {
        let walk = HospitalNameWalk.walk(from: head, context, found: found)
        switch outcome(of: walk, head: head, context) {
        case .category(let start):
            candidates.append(Candidate(start: start, end: head.end, label: .ignore, attributes: EntityAttributes(source: "rule"), priority: CandidatePriority.weakRule))
        case .hospital(let start, let strong):
            found.register(start: start, end: head.end)
            candidates.append(Candidate(
                start: start, end: head.end, label: .entity(.hospital),
                attributes: EntityAttributes(source: "rule"),
                priority: strong ? CandidatePriority.rule : CandidatePriority.weakRule, entry: Candidate.surfaceEntry
            ))
        case .none:
            break
        }
    }

    private func outcome(of walk: HospitalNameWalk, head: LexiconMatch, _ context: RecognitionContext) -> Outcome {
        if let genericStart = walk.genericBeforeHead {
            // Only the generic word and the head are a category (新院区); a parent
            // institution in front (太原市第二人民医院) stays a hospital of its own.
            return .category(start: genericStart)
        }
        var start = walk.start
        var stop = walk.stop
        if let genericStart = walk.startBeforeGeneric {
            // The name starts with a generic word: 基层医院, 各级人民医院 are types.
            if !walk.evidence && walk.nameCharacters == 0 || genericStart == head.start {
                return .category(start: start)
            }
            start = genericStart
            stop = .boundary
        } else if walk.sawGeneric && !walk.evidence {
            // A generic word inside a name without a place: 帮助乡镇卫生院.
            return .category(start: start)
        }
        guard start < head.start else { return .none }
        if walk.evidence { return .hospital(start: start, strong: true) }
        // A proper name alone before the head names one institution (协和医院).
        if walk.nameCharacters == 0, walk.properNames > 0, HospitalNameWalk.isBoundedLeft(start, context) {
            return .hospital(start: start, strong: false)
        }
        // A type of institution (骨科医院, 基层医院), not a name.
        if walk.nameCharacters == 0 { return .category(start: start) }
        guard let nameStart = bareNameStart(walk, start: start, stop: stop, head: head, context) else { return .none }
        return .hospital(start: nameStart, strong: false)
    }

    /// Where a proper name of unknown characters alone starts, if it is one: it
    /// needs a qualifier (应急总医院) or a name head (古书院分院), since `推动医院`
    /// is a verb and a generic 医院, and must start on an ICU word boundary.
    private func bareNameStart(_ walk: HospitalNameWalk, start: Int, stop: HospitalNameWalk.Stop, head: LexiconMatch, _ context: RecognitionContext) -> Int? {
        guard walk.qualifiers > 0 || head.value.isIn(.hospitalNameHead), walk.unknown >= 2 else { return nil }
        guard stop == .limit else {
            return context.isWordBoundary(start) ? start : nil
        }
        // Too many unknown characters: start at the ICU word boundary nearest
        // the head that keeps two of them (借助|应急|总医院).
        let nameEnd = start + walk.unknown
        return context.wordBoundaries(around: nameEnd - 1).last { $0 >= start && $0 <= nameEnd - 2 }
    }
}

/// The hospital spans one recognition pass has found so far, by end, so that
/// a later head can take an earlier name as its parent.
///
/// A column with a start per end position of the text (a chunk's length fits
/// `Int32`, as its origins do), made at the first hospital: the walk asks at
/// every step, and a lookup is one load, not a hash.
struct HospitalSpans {
    /// The length of the text the spans are in.
    private let length: Int
    /// `startByEnd[end]`, or -1; empty until a span is registered.
    private var startByEnd: [Int32] = []

    /// No spans yet, in a text of `length` code units.
    init(length: Int) {
        self.length = max(length, 0)
    }

    /// Records a hospital `start ..< end`; the longest one per end is kept.
    mutating func register(start: Int, end: Int) {
        guard end >= 0, end <= length, start >= 0, start <= end else { return }
        if startByEnd.isEmpty { startByEnd = Array(filledWith: -1, count: length + 1) }
        let existing = startByEnd[end]
        if existing >= 0, Int(existing) <= start { return }
        startByEnd[end] = Int32(truncatingIfNeeded: start)
    }

    /// The start of the longest hospital found ending at `end`.
    func start(endingAt end: Int) -> Int? {
        guard end >= 0, end < startByEnd.count else { return nil }
        let start = startByEnd[end]
        return start >= 0 ? Int(start) : nil
    }
}
