/// The walk left from a hospital head over the tokens of its name (see
/// ``HospitalRecognizer``), and what it saw on the way.
struct HospitalNameWalk {
    /// Why the walk stopped.
    enum Stop {
        /// Punctuation, a clause start or a character that is no ideograph.
        case boundary
        /// A function word or verb (`stop` class).
        case stopWord
        /// Too many unknown characters, or a number too short.
        case limit
    }

    /// The leftmost start taken.
    var start: Int
    /// A place, an organisation, a parent hospital or a number was taken.
    var evidence = false
    /// Unknown characters taken since the last organisation.
    var unknown = 0
    /// Unknown characters and numbers: a proper name.
    var nameCharacters = 0
    /// Why the walk stopped.
    var stop = Stop.boundary
    /// How many qualifiers were taken.
    var qualifiers = 0
    /// Generic words (社区, 村, 基层) may stand inside a name (…街道社区卫生服务中心),
    /// but a name that starts with one is generic: the start before them.
    var startBeforeGeneric: Int?
    /// A generic word was taken.
    var sawGeneric = false
    /// The start of a generic word right before the head: 山西省三级医院 is a category.
    var genericBeforeHead: Int?

    /// Walks left from `head` in `context`; `found` holds hospitals already found.
    static func walk(from head: LexiconMatch, _ context: RecognitionContext, found: HospitalSpans) -> HospitalNameWalk {
        var walk = HospitalNameWalk(start: head.start)
        walk.run(head: head, context, found: found)
        return walk
    }

    private mutating func run(head: LexiconMatch, _ context: RecognitionContext, found: HospitalSpans) {
        let units = context.units
        var p = head.start
        var unknownAllowed = true
        var lastWasDigits = false
        while true {
            if context.isClauseStart(p) { stop = .boundary; return }
            if let parentStart = found.start(endingAt: p), parentStart < p, p - parentStart >= 3 {
                start = parentStart
                evidence = true
                return
            }
            if let token = HospitalNameToken.longest(endingAt: p, context) {
                if token.kind != .generic && token.kind != .stop { startBeforeGeneric = nil }
                switch token.kind {
                case .place:
                    evidence = true
                    unknownAllowed = false
                case .organization:
                    evidence = true
                    unknownAllowed = true
                    unknown = 0
                case .qualifier:
                    qualifiers += 1
                case .generic:
                    if start == head.start { genericBeforeHead = token.start }
                    sawGeneric = true
                    if startBeforeGeneric == nil { startBeforeGeneric = start }
                case .stop:
                    stop = .stopWord
                    return
                }
                p = token.start
                start = p
                continue
            }
            let u = units[p - 1]
            startBeforeGeneric = nil
            if CodeUnitClass.isDigit(u), start == head.start || lastWasDigits {
                var q = p
                while q > 0 && CodeUnitClass.isDigit(units[q - 1]) { q -= 1 }
                guard p - q >= 2 else { stop = .limit; return }
                p = q
                start = q
                evidence = true
                nameCharacters += 1
                lastWasDigits = true
                continue
            }
            if CodeUnitClass.isIdeograph(u) && unknownAllowed && unknown < HospitalRecognizer.maxUnknown {
                p -= 1
                start = p
                unknown += 1
                nameCharacters += 1
                continue
            }
            stop = CodeUnitClass.isIdeograph(u) ? .limit : .boundary
            return
        }
    }
}

/// One rule token of a hospital name: a lexicon match of a place or a rule class.
struct HospitalNameToken {
    /// What the token is, in order of precedence on equal length.
    enum Kind: Int { case place, organization, qualifier, generic, stop }
    /// Its start.
    var start: Int
    /// Its kind.
    var kind: Kind

    /// The longest rule token ending at `p`; on equal length places win, then
    /// organisations, qualifiers, generic words and stop words.
    static func longest(endingAt p: Int, _ context: RecognitionContext) -> HospitalNameToken? {
        var best: HospitalNameToken?
        func consider(_ start: Int, _ kind: Kind) {
            if let current = best {
                if start > current.start { return }
                if start == current.start && kind.rawValue >= current.kind.rawValue { return }
            }
            best = HospitalNameToken(start: start, kind: kind)
        }
        for match in context.matches(endingAt: p) {
            let value = match.value
            if value.place >= 0 { consider(match.start, .place) }
            if value.isIn(.organization) { consider(match.start, .organization) }
            if let entry = context.entry(of: match), entry.label == .ignore, isOrganizationName(match, context) {
                consider(match.start, .organization)
            }
            if value.isIn(.hospitalQualifier) { consider(match.start, .qualifier) }
            if value.isIn(.hospitalGeneric) { consider(match.start, .generic) }
            if value.isIn(.stop) { consider(match.start, .stop) }
        }
        return best
    }

    /// Whether an ignored entry is an organisation (ends with `organization-suffix`: 大学, 学院).
    private static func isOrganizationName(_ match: LexiconMatch, _ context: RecognitionContext) -> Bool {
        context.matches(endingAt: match.end).contains { $0.start >= match.start && $0.value.isIn(.organizationSuffix) }
    }
}
