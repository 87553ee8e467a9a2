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
    /// How many of the qualifiers are proper names (协和, 同仁).
    var properNames = 0
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
        // A dictionary hospital ending at the head: no token may cross its left
        // edge (从江|江铜集团医院: the place 从江 ends inside the name).
        let known = found.start(endingAt: head.end)
        while true {
            if context.isClauseStart(p) { stop = .boundary; return }
            if head.end - p >= HospitalRecognizer.maxNameLength { stop = .limit; return }
            if let parentStart = found.start(endingAt: p), parentStart < p, p - parentStart >= 3,
               head.end - parentStart <= HospitalRecognizer.maxNameLength {
                start = parentStart
                evidence = true
                return
            }
            if let token = HospitalNameToken.longest(endingAt: p, nearHead: nameCharacters == 0, context) {
                if let known, token.start < known, known < p {
                    start = known
                    evidence = true
                    return
                }
                if token.kind != .generic && token.kind != .stop { startBeforeGeneric = nil }
                switch token.kind {
                case .place:
                    evidence = true
                    unknownAllowed = false
                case .organization:
                    // A bare 大学 or 学院 after a break is the end of another
                    // phrase (…大学|西京医院), not a parent organisation.
                    if token.isBareOrganization && Self.isBoundedLeft(token.start, context) {
                        stop = .stopWord
                        return
                    }
                    evidence = true
                    // An organisation that starts with a place is complete:
                    // nothing unknown stands before 重庆大学.
                    unknownAllowed = !token.startsWithPlace
                    unknown = 0
                case .qualifier:
                    qualifiers += 1
                    if token.isProperName { properNames += 1 }
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
            if CodeUnitClass.isIdeograph(u) {
                // A level alone before qualifiers stands for the document's own
                // place: 县人民医院, 市第四医院, 县中医院 (but 县医院 is generic).
                if nameCharacters == 0, qualifiers > 0 || head.value.isIn(.hospitalTypedHead), context.hasMatch(from: p - 1, to: p, in: .hospitalLevel),
                   Self.isBoundedLeft(p - 1, context) {
                    start = p - 1
                    evidence = true
                    stop = .boundary
                    return
                }
                // Unknown characters never cross a line break or space the
                // normaliser removed (a heading or title before the name).
                if context.hasRemovedLayout(before: p) {
                    stop = .boundary
                    return
                }
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

extension HospitalNameWalk {
    /// Whether a name starting at `position` is bounded on its left: a clause
    /// start, a character that is no ideograph, a stop word, or removed layout.
    static func isBoundedLeft(_ position: Int, _ context: RecognitionContext) -> Bool {
        if context.isClauseStart(position) || context.hasRemovedLayout(before: position) { return true }
        if !CodeUnitClass.isIdeograph(context.units[position - 1]) { return true }
        return context.matches(endingAt: position).contains { $0.value.isIn(.stop) }
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
    /// A qualifier that is a proper name (`hospital-proper-name`).
    var isProperName = false
    /// An organisation that starts with a place (`重庆大学`).
    var startsWithPlace = false
    /// An organisation that is only an `organization-suffix` word (`大学`).
    var isBareOrganization = false

    /// The longest rule token ending at `p`; on equal length places win, then
    /// organisations, qualifiers, generic words and stop words.
    /// `nearHead`: only qualifiers stand between `p` and the head, so a place
    /// that only stands before a head (`高沙` in `高沙卫生院`) counts.
    static func longest(endingAt p: Int, nearHead: Bool, _ context: RecognitionContext) -> HospitalNameToken? {
        var best: HospitalNameToken?
        var headOnlyStart: Int?
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
            if nearHead && value.headOnlyPlace >= 0 && isPlaceEdge(match.start, context) {
                headOnlyStart = min(headOnlyStart ?? match.start, match.start)
            }
            if value.isIn(.organization) { consider(match.start, .organization) }
            if context.entryLabel(of: match) == .ignore, isOrganizationName(match, context) {
                consider(match.start, .organization)
            }
            if value.isIn(.hospitalQualifier) { consider(match.start, .qualifier) }
            // A specialty right before the head is a qualifier: 眼耳鼻咽喉科医院.
            if nearHead, context.entryLabel(of: match) == .entity(.department) { consider(match.start, .qualifier) }
            if value.isIn(.hospitalGeneric) { consider(match.start, .generic) }
            if value.isIn(.stop) { consider(match.start, .stop) }
        }
        // A place that only stands before a head (高沙, 人民, 第四) yields to
        // any other token as long: 人民, 第四 stay qualifiers.
        if let start = headOnlyStart, start < (best?.start ?? p) { best = HospitalNameToken(start: start, kind: .place) }
        guard var token = best else { return nil }
        switch token.kind {
        case .qualifier:
            token.isProperName = context.hasMatch(from: token.start, to: p, in: .hospitalProperName)
        case .organization:
            token.isBareOrganization = context.hasMatch(from: token.start, to: p, in: .organizationSuffix)
            token.startsWithPlace = (token.start + 2 ..< p).contains { end in
                context.matches(endingAt: end).contains { $0.start == token.start && $0.value.place >= 0 }
            }
        default:
            break
        }
        return token
    }

    /// Whether a head-only place may start at `position`: the name is bounded
    /// there or a place stands before it (`古|书院分院` is one name).
    private static func isPlaceEdge(_ position: Int, _ context: RecognitionContext) -> Bool {
        HospitalNameWalk.isBoundedLeft(position, context) || context.matches(endingAt: position).contains { $0.value.place >= 0 }
    }

    /// Whether an ignored entry is an organisation (ends with `organization-suffix`: 大学, 学院).
    private static func isOrganizationName(_ match: LexiconMatch, _ context: RecognitionContext) -> Bool {
        context.matches(endingAt: match.end).contains { $0.start >= match.start && $0.value.isIn(.organizationSuffix) }
    }
}
