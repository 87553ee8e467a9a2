/// Finds hospital names no dictionary holds, from their structure:
/// `[place…][name][qualifiers] head`, where the head is a hospital head noun
/// (医院, 妇幼保健院, 卫生院, 医学中心, 分院, 院区 …).
///
/// From each head the rule walks left over tokens ending where it stands,
/// longest first: a hospital already found there (a parent institution:
/// `解放军总医院` + `第七医学中心`), place names from the gazetteer (`甘肃省酒泉市肃州区`),
/// parent organisations (`首都医科大学`, `附属`), qualifiers (`人民`, `第一`, `中西医结合`),
/// a number (`301`), or up to four unknown characters of the proper name
/// (`白求恩`, `同仁`). It stops at punctuation and function words (`来自`, `在`, `与`).
///
/// - A name with a place, an organisation, a parent or a number is a hospital.
/// - A name of unknown characters alone (`古书院分院`) is a hospital only when
///   punctuation or a function word bounds it on the left (weak priority).
/// - A head with only qualifiers or generic words (`骨科医院`, `基层医院`,
///   `三级甲等综合医院`) is a type of institution, not a name: it becomes an
///   `IGNORE` span, unless the document names it as part of a full name (see
///   ``DocumentAliasPass``).
///
/// Short forms `长治二院`, `中山一院` (two characters + numeral + 院) are also found.
struct HospitalRecognizer: Recognizer {
    /// The most unknown characters a proper name may have.
    static let maxUnknown = 4

    /// Creates the recogniser.
    init() {}

    /// Appends hospital candidates.
    func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        for match in context.matches {
            if let entry = context.entry(of: match), entry.label == .entity(.hospital) {
                register(context, start: match.start, end: match.end)
            }
        }
        for head in context.matches where head.value.isIn(.hospitalHead) {
            recognize(head: head, context, into: &candidates)
        }
        shortForms(context, into: &candidates)
    }

    private func register(_ context: RecognitionContext, start: Int, end: Int) {
        if let existing = context.hospitalStarts[end], existing <= start { return }
        context.hospitalStarts[end] = start
    }

    private enum Stop {
        case boundary, stopWord, limit, generic
    }

    private func recognize(head: LexiconMatch, _ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        var p = head.start
        var start = head.start
        var evidence = false
        var unknown = 0
        var unknownAllowed = true
        var nameCharacters = 0 // unknown characters and numbers: a proper name
        var stop = Stop.boundary
        var lastWasDigits = false
        var qualifiers = 0
        // Generic words (社区, 村, 基层) may stand inside a name (…街道社区卫生服务中心),
        // but a name that starts with one is generic: the start before them is kept.
        var startBeforeGeneric: Int?
        var sawGeneric = false
        var genericBeforeHead: Int? // start of a generic word right before the head: 山西省三级医院 is a category
        walk: while true {
            if context.isClauseStart(p) { stop = .boundary; break }
            if let parentStart = context.hospitalStarts[p], parentStart < p, p - parentStart >= 3 {
                start = parentStart
                evidence = true
                break
            }
            if let token = bestToken(endingAt: p, context) {
                if token.kind != .generic && token.kind != .stop { startBeforeGeneric = nil }
                switch token.kind {
                case .place:
                    p = token.start
                    start = p
                    evidence = true
                    unknownAllowed = false
                    continue walk
                case .organization:
                    p = token.start
                    start = p
                    evidence = true
                    unknownAllowed = true
                    unknown = 0
                    continue walk
                case .qualifier:
                    p = token.start
                    start = p
                    qualifiers += 1
                    continue walk
                case .generic:
                    if start == head.start { genericBeforeHead = token.start }
                    sawGeneric = true
                    if startBeforeGeneric == nil { startBeforeGeneric = start }
                    p = token.start
                    start = p
                    continue walk
                case .stop:
                    stop = .stopWord
                    break walk
                }
            }
            let u = units[p - 1]
            startBeforeGeneric = nil
            if CodeUnitClass.isDigit(u), start == head.start || lastWasDigits {
                var q = p
                while q > 0 && CodeUnitClass.isDigit(units[q - 1]) { q -= 1 }
                guard p - q >= 2 else { stop = .limit; break }
                p = q
                start = q
                evidence = true
                nameCharacters += 1
                lastWasDigits = true
                continue
            }
            if CodeUnitClass.isIdeograph(u) && unknownAllowed && unknown < Self.maxUnknown {
                p -= 1
                start = p
                unknown += 1
                nameCharacters += 1
                continue
            }
            stop = CodeUnitClass.isIdeograph(u) ? .limit : .boundary
            break
        }
        if let genericStart = genericBeforeHead {
            // Only the generic word and the head are a category (新院区); a parent
            // institution in front (太原市第二人民医院) stays a hospital of its own.
            candidates.append(Candidate(start: genericStart, end: head.end, label: .ignore, attributes: EntityAttributes(source: "rule"), priority: CandidatePriority.weakRule))
            return
        }
        if let genericStart = startBeforeGeneric {
            // The name starts with a generic word: 基层医院, 各级人民医院 are types.
            if !evidence && nameCharacters == 0 || genericStart == head.start {
                candidates.append(Candidate(start: start, end: head.end, label: .ignore, attributes: EntityAttributes(source: "rule"), priority: CandidatePriority.weakRule))
                return
            }
            start = genericStart
            stop = .boundary
        } else if sawGeneric && !evidence {
            // A generic word inside a name without a place: 帮助乡镇卫生院.
            candidates.append(Candidate(start: start, end: head.end, label: .ignore, attributes: EntityAttributes(source: "rule"), priority: CandidatePriority.weakRule))
            return
        }
        guard start < head.start else { return }
        if !evidence {
            if nameCharacters == 0 {
                // A type of institution (骨科医院, 基层医院), not a name.
                candidates.append(Candidate(start: start, end: head.end, label: .ignore, attributes: EntityAttributes(source: "rule"), priority: CandidatePriority.weakRule))
                return
            }
            // A proper name of unknown characters alone needs a qualifier
            // (应急总医院) or a branch head (古书院分院): `推动医院` is a verb and a
            // generic 医院.
            let isNameHead = Self.nameHeads.contains(String(decoding: units[head.start ..< head.end], as: UTF16.self))
            guard qualifiers > 0 || isNameHead, unknown >= 2 else { return }
            if stop == .limit {
                // Too many unknown characters: start at the ICU word boundary
                // nearest the head that keeps two of them (借助|应急|总医院).
                let nameEnd = start + unknown
                guard let boundary = context.wordBoundaries(around: nameEnd - 1).last(where: { $0 >= start && $0 <= nameEnd - 2 }) else { return }
                start = boundary
            } else {
                // The proper name must start on an ICU word boundary.
                guard context.isWordBoundary(start) else { return }
            }
        }
        register(context, start: start, end: head.end)
        let surface = String(decoding: units[start ..< head.end], as: UTF16.self)
        candidates.append(Candidate(
            start: start, end: head.end, label: .entity(.hospital),
            attributes: EntityAttributes(canonical: surface, source: "rule"),
            priority: evidence ? CandidatePriority.rule : CandidatePriority.weakRule
        ))
    }

    private struct Token {
        enum Kind { case place, organization, qualifier, generic, stop }
        var start: Int
        var kind: Kind
    }

    /// The longest rule token ending at `p`; on equal length places win, then
    /// organisations, qualifiers, generic words and stop words.
    private func bestToken(endingAt p: Int, _ context: RecognitionContext) -> Token? {
        var best: Token?
        func consider(_ start: Int, _ kind: Token.Kind) {
            if let current = best {
                if start > current.start { return }
                if start == current.start && rank(kind) >= rank(current.kind) { return }
            }
            best = Token(start: start, kind: kind)
        }
        for match in context.matches(endingAt: p) {
            let value = match.value
            if value.place >= 0 { consider(match.start, .place) }
            if value.isIn(.organization) { consider(match.start, .organization) }
            if let entry = context.entry(of: match), entry.label == .ignore, Self.isOrganizationName(entry.surface) {
                consider(match.start, .organization)
            }
            if value.isIn(.hospitalQualifier) { consider(match.start, .qualifier) }
            if value.isIn(.hospitalGeneric) { consider(match.start, .generic) }
            if value.isIn(.stop) { consider(match.start, .stop) }
        }
        return best
    }

    private func rank(_ kind: Token.Kind) -> Int {
        switch kind {
        case .place: 0
        case .organization: 1
        case .qualifier: 2
        case .generic: 3
        case .stop: 4
        }
    }

    /// Heads that carry a bare proper name without qualifiers: branches and
    /// campuses (古书院分院), clinics (康宁诊所). `医院` is not one: `推动医院` is a verb
    /// and a generic noun.
    static let nameHeads: Set<String> = ["分院", "院区", "诊所", "门诊部", "卫生室", "卫生所", "卫生院"]

    static func isOrganizationName(_ surface: String) -> Bool {
        surface.hasSuffix("大学") || surface.hasSuffix("学院") || surface.hasSuffix("科学院")
    }

    /// `长治二院`, `中山一院`, `北医三院`: two characters, a numeral, 院.
    private func shortForms(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        let units = context.units
        let n = units.count
        guard n >= 4 else { return }
        for i in 3 ..< n where units[i] == 0x9662 { // 院
            guard Self.isSmallNumeral(units[i - 1]),
                  CodeUnitClass.isIdeograph(units[i - 2]), CodeUnitClass.isIdeograph(units[i - 3]) else { continue }
            if i + 1 < n, Self.shortFormBlockers.contains(units[i + 1]) { continue }
            let start = i - 3
            let prefixIsPlace = context.matches(endingAt: i - 1).contains { $0.start == start && $0.value.place >= 0 }
            let boundedLeft = context.isClauseStart(start)
                || context.matches(endingAt: start).contains { $0.value.isIn(.stop) }
            guard prefixIsPlace || boundedLeft else { continue }
            let prefix = context.matches(endingAt: i - 1).contains { $0.start == start && ($0.value.isIn(.stop) || $0.value.isIn(.hospitalGeneric)) }
            if prefix { continue }
            if units[i - 2] == 0x7B2C { continue } // 第
            let surface = String(decoding: units[start ... i], as: UTF16.self)
            candidates.append(Candidate(
                start: start, end: i + 1, label: .entity(.hospital),
                attributes: EntityAttributes(canonical: surface, source: "rule"),
                priority: CandidatePriority.weakRule
            ))
        }
    }

    /// 一 … 九, 十.
    static func isSmallNumeral(_ u: UInt16) -> Bool {
        switch u {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341: true
        default: false
        }
    }

    /// Characters after `X二院` that show it is not a short hospital name
    /// (院区, 院长, 院士, 院校, 院系, 院内, 院外, 院里, 院落, 院子, 院线, 院所).
    static let shortFormBlockers: Set<UInt16> = Set("区长士校系内外里落子线所".utf16)
}
