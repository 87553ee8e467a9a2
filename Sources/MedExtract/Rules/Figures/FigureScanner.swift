import Foundation

/// Finds figures in one piece of normalised text.
///
/// The scan looks at code units one at a time and does work only where a
/// number starts (an Arabic digit, a Chinese numeral character or `半`). From
/// there it reads, in order: calendar dates and clock times (see
/// `FigureDates.swift`), then the general shape
///
///     [prefix] number [range] [余|多] [万|亿…] [余|多] [space] unit [range] [余|多] [suffix]
///
/// where the unit comes from ``FigureUnits``. A number without a unit is not a
/// figure, except a bare year before a word (`2023国际…论坛`) and a number
/// with 万/亿 (`700多万`).
struct FigureScanner {
    /// The text.
    let r: CodeUnitReader
    /// The unit lexicon.
    let lexicon: FigureUnits
    /// The word lists.
    let words: FigureVocabulary

    /// A figure found: its span in normalised code units and its meaning.
    struct Found: Equatable {
        /// Start (inclusive).
        var start: Int
        /// End (exclusive).
        var end: Int
        /// The parsed figure.
        var figure: Figure
    }

    /// What a specialised rule made of a number.
    enum Outcome {
        /// A figure.
        case found(Found)
        /// Certainly not a figure: stop looking at this number.
        case rejected
        /// The rule does not apply: try the next one.
        case notApplicable
    }

    /// Calls `body` for every figure, in text order.
    func scan(_ body: (Found) -> Void) {
        var i = 0
        let count = r.count
        while i < count {
            let u = r[i]
            guard CodeUnitClass.isDigit(u) || ChineseNumeral.isNumeralCharacter(u) || u == u16("半") else {
                i += 1
                continue
            }
            let (found, resume) = match(at: i)
            if let found {
                body(found)
                i = max(found.end, i + 1)
            } else {
                i = max(resume, i + 1)
            }
        }
    }

    /// The figure whose number starts at `s`, if any, and where to resume.
    func match(at s: Int) -> (Found?, Int) {
        let runEnd = NumberToken.runEnd(r, from: s)
        guard let token = NumberToken.scan(r, at: s) else { return (nil, runEnd) }
        let resume = max(token.end, runEnd)
        switch lunarDate(token) {
        case .found(let f): return (f, f.end)
        case .rejected: return (nil, resume)
        case .notApplicable: break
        }
        guard leftContextAllows(s), !token.isZero, !lexicon.isIgnored(in: r.buffer, at: s) else { return (nil, resume) }
        if let f = percentWords(at: s) { return (f, f.end) }
        switch dateOrTime(token) {
        case .found(let f): return (f, f.end)
        case .rejected: return (nil, resume)
        case .notApplicable: break
        }
        if let f = general(token) { return (f, f.end) }
        return (nil, resume)
    }

    /// Whether what stands before a number lets it be a figure: not an
    /// ordinal (`第5天`), not part of a Latin code (`T4N3M0`, `COVID-19`,
    /// `V1.2`), not a vague `数十` / `几百`.
    func leftContextAllows(_ s: Int) -> Bool {
        let p = r[s - 1]
        if words.ordinalBefore.contains(p) { return false }
        if CodeUnitClass.isASCIILetter(p) { return false }
        switch p {
        case 0x2E, 0x2D, 0x2F, 0x5F, 0x3A, 0x2B, 0x23, 0x7E: // . - / _ : + # ~
            return !CodeUnitClass.isASCIIAlphanumeric(r[s - 2])
        default:
            return true
        }
    }

    /// `百分之三十`, `千分之五`: a percentage written in words.
    func percentWords(at s: Int) -> Found? {
        let perMille: Bool
        if r.has("百", "分", "之", at: s) { perMille = false } else if r.has("千", "分", "之", at: s) { perMille = true } else { return nil }
        guard let n = NumberToken.scan(r, at: s + 3), !n.isHalf else { return nil }
        var value = n.value
        var end = n.end
        if !n.isArabic, r[end] == u16("点"), ChineseNumeral.digit(r[end + 1]) != nil {
            var scale = 0.1
            end += 1
            while let d = ChineseNumeral.digit(r[end]) {
                value += Double(d) * scale
                scale /= 10
                end += 1
            }
        }
        var qualifier: FigureQualifier?
        if let suffix = words.bounds.suffix(in: r, at: end) {
            end = suffix.end
            qualifier = suffix.qualifier
        }
        var start = s
        if let prefix = words.bounds.prefix(in: r, before: s) {
            start = prefix.start
            qualifier = prefix.qualifier
        }
        let figure = Figure(kind: .percent, value: value, unit: perMille ? "‰" : "%", qualifier: qualifier)
        return Found(start: start, end: end, figure: figure)
    }

    /// A range separator at `index` (`-`, `~`, `—`, `至`, `到`): its length, or 0.
    func rangeSeparator(at index: Int) -> Int {
        switch r[index] {
        case 0x2D, 0x7E, 0x2014, 0xFF5E: return 1
        case u16("至"), u16("到"): return 1
        default: return 0
        }
    }

    /// The second number of a range starting at `index` (after the separator),
    /// written like `first` and larger than it.
    func rangeEnd(at index: Int, after first: NumberToken) -> NumberToken? {
        let sep = rangeSeparator(at: index)
        guard sep > 0, let second = NumberToken.scan(r, at: index + sep), !second.isHalf,
              second.isArabic == first.isArabic, second.high == nil, second.value > first.value else { return nil }
        return second
    }

    /// What the general rule has read so far after a number.
    struct Reading {
        /// The value with magnitudes applied.
        var value: Double
        /// The upper end of a range or the second reading of a pair.
        var high: Double?
        /// Where the reading ends (exclusive).
        var end: Int
        /// `余` / `多` written between the number and its unit (more than).
        var innerMore = false
        /// The value has a magnitude of 万 or more.
        var bigMagnitude = false
    }

    /// The general shape: number, bounds and a unit from the lexicon.
    func general(_ token: NumberToken) -> Found? {
        guard arabicEndAllows(token) else { return nil }
        var reading = Reading(value: token.value, high: token.high, end: token.end)
        readRangeOrPair(token, &reading)
        readInnerMore(token, &reading)
        if token.isHalf && reading.innerMore { return nil }
        applyMagnitudes(token, &reading)

        let prefix = words.bounds.prefix(in: r, before: token.start)
        if token.isBareMagnitude && !reading.innerMore && prefix == nil { return nil }

        guard let match = unit(after: reading.end) else {
            return bigNumberWithoutUnit(token, prefix: prefix, reading)
        }
        guard unitAccepts(match, token: token, reading) else { return nil }
        if let found = minutesAndSeconds(token, prefix: prefix, match: match, reading) { return found }
        switch schoolGradeOrDecade(token, match: match) {
        case .found(let f): return f
        case .rejected: return nil
        case .notApplicable: break
        }

        reading.end = match.end
        applyModifier(match.modifier, &reading)
        readCompoundDuration(token, unit: match.unit, &reading)
        readUnitRange(token, unit: match.unit, &reading)
        let qualifier = readTrailingQualifier(kind: match.unit.kind, &reading)
        let figure = Figure(kind: match.unit.kind, value: Self.tidy(reading.value), high: reading.high.map(Self.tidy),
                            unit: match.unit.canonical, qualifier: qualifier)
        return finish(token: token, prefix: prefix, end: reading.end, figure: figure)
    }

    /// Whether what follows Arabic digits lets them be a figure: not a Chinese
    /// digit, not a dotted or colon-separated code (`5.12.3`, `1:2`).
    func arabicEndAllows(_ token: NumberToken) -> Bool {
        guard token.isArabic else { return true }
        let e = token.end
        if ChineseNumeral.digit(r[e]) != nil { return false }
        if r[e] == 0x2E || r[e] == 0x3A, CodeUnitClass.isDigit(r[e + 1]) { return false }
        return true
    }

    /// A range right after the number (`50-70`), or a pair of readings with
    /// one measure unit (a blood pressure `120/80mmHg`): sets `high`.
    func readRangeOrPair(_ token: NumberToken, _ reading: inout Reading) {
        let e = reading.end
        if reading.high == nil, !token.isHalf, let second = rangeEnd(at: e, after: token) {
            reading.high = second.value
            reading.end = second.end
        } else if token.isArabic, r[e] == 0x2F, let second = NumberToken.scan(r, at: e + 1), second.isArabic,
                  let unit = unit(after: second.end), unit.unit.kind == .measure {
            reading.high = second.value
            reading.end = second.end
        }
    }

    /// `余` / `多` (or `几` after a Chinese 十) between the number and its
    /// magnitude or unit.
    func readInnerMore(_ token: NumberToken, _ reading: inout Reading) {
        let e = reading.end
        if r[e] == u16("余") || r[e] == u16("多") {
            reading.innerMore = true
            reading.end += 1
        } else if r[e] == u16("几"), !token.isArabic, r[e - 1] == u16("十") {
            reading.innerMore = true
            reading.end += 1
        }
    }

    /// 万, 亿, 千万 … after Arabic digits or after 余/多, with a `余`/`多` after them.
    func applyMagnitudes(_ token: NumberToken, _ reading: inout Reading) {
        reading.bigMagnitude = !token.isArabic && token.value >= 10_000 && !token.isBareMagnitude
        guard token.isArabic || reading.innerMore, !token.isHalf, lexicon.unit(in: r.buffer, at: reading.end) == nil else { return }
        var applied = 0
        while applied < 2, let m = ChineseNumeral.magnitude(r[reading.end]), m >= 100 {
            reading.value *= m
            reading.high = reading.high.map { $0 * m }
            if m >= 10_000 { reading.bigMagnitude = true }
            reading.end += 1
            applied += 1
        }
        if applied > 0, !reading.innerMore, r[reading.end] == u16("余") || r[reading.end] == u16("多") {
            reading.innerMore = true
            reading.end += 1
        }
    }

    /// `700多万`, `31万`: a big number is a count even without a classifier.
    func bigNumberWithoutUnit(_ token: NumberToken, prefix: (start: Int, qualifier: FigureQualifier)?, _ reading: Reading) -> Found? {
        guard reading.bigMagnitude, token.isArabic || reading.innerMore, !CodeUnitClass.isASCIIAlphanumeric(r[reading.end]) else { return nil }
        let figure = Figure(kind: .count, value: Self.tidy(reading.value), high: reading.high.map(Self.tidy), unit: nil,
                            qualifier: reading.innerMore ? .moreThan : nil)
        return finish(token: token, prefix: prefix, end: reading.end, figure: figure)
    }

    /// Whether the unit found accepts the number in front of it (its flags, a
    /// lone 一 or 二, a year before an ordinal unit, `分之`).
    func unitAccepts(_ match: FigureUnits.Match, token: NumberToken, _ reading: Reading) -> Bool {
        let unit = match.unit
        let plain = reading.high == nil && !reading.innerMore && !reading.bigMagnitude
        if token.isHalf {
            guard unit.kind == .duration || unit.kind == .age, match.modifier != .half else { return false }
        }
        if token.isLoneOne && plain && !unit.flags.contains(.one) { return false }
        // A lone 二 with a classifier is an ordinal or a term (二次感染, 二项分布); the count is 两.
        if token.isSingleSmallDigit && token.value == 2 && !token.containsLiang && plain { return false }
        if unit.flags.contains(.arabic) && !token.isArabic { return false }
        if unit.flags.contains(.cjkSmall) && !(token.isSingleSmallDigit && plain) { return false }
        let yearLike = token.isArabic && token.integerDigits == 4 && token.value >= 1900 && token.value <= 2100
        if yearLike, unit.surface.utf16.count == 1, let first = unit.surface.utf16.first, words.yearOrdinals.contains(first) {
            return false
        }
        if unit.surface == "分" && r[match.end] == u16("之") { return false }
        return true
    }

    /// `2分30秒`: minutes and seconds, a duration in minutes.
    func minutesAndSeconds(_ token: NumberToken, prefix: (start: Int, qualifier: FigureQualifier)?, match: FigureUnits.Match,
                           _ reading: Reading) -> Found? {
        guard match.unit.surface == "分", reading.high == nil, !reading.innerMore,
              let seconds = NumberToken.scan(r, at: match.end), seconds.isArabic,
              seconds.isInteger(in: 0 ... 59), r[seconds.end] == u16("秒") else { return nil }
        return finish(token: token, prefix: prefix, end: seconds.end + 1,
                      figure: Figure(kind: .duration, value: Self.tidy(reading.value + seconds.value / 60), unit: "分钟"))
    }

    /// `一年级` (a school grade) is not a figure; `80年代` is a decade.
    func schoolGradeOrDecade(_ token: NumberToken, match: FigureUnits.Match) -> Outcome {
        guard match.unit.canonical == "年", match.unit.kind == .duration else { return .notApplicable }
        if r[match.end] == u16("级") { return .rejected }
        if r[match.end] == u16("代") {
            return .found(finish(token: token, prefix: nil, end: match.end + 1, figure: Figure(kind: .date, value: nil, unit: "年代")))
        }
        return .notApplicable
    }

    /// What a synthesised unit pattern (`个半月`, `个多月`) adds.
    func applyModifier(_ modifier: FigureUnits.Modifier, _ reading: inout Reading) {
        switch modifier {
        case .half:
            reading.value += 0.5
            reading.high = reading.high.map { $0 + 0.5 }
        case .more:
            reading.innerMore = true
        case .none:
            break
        }
    }

    /// A compound duration or age: `3小时40分钟`, `1年3个月`, `3岁5个月`
    /// (value in the first unit).
    func readCompoundDuration(_ token: NumberToken, unit: FigureUnits.Unit, _ reading: inout Reading) {
        guard reading.high == nil, unit.kind == .duration || unit.kind == .age,
              let firstSize = words.durationHours[unit.canonical] else { return }
        var size = firstSize
        var parts = 0
        while parts < 2, let next = NumberToken.scan(r, at: reading.end), next.isArabic == token.isArabic, !next.isHalf,
              next.high == nil, let nextUnit = lexicon.unit(in: r.buffer, at: next.end), nextUnit.modifier == .none,
              nextUnit.unit.kind == .duration, let nextSize = words.durationHours[nextUnit.unit.canonical], nextSize < size {
            reading.value += next.value * nextSize / firstSize
            reading.end = nextUnit.end
            size = nextSize
            parts += 1
        }
    }

    /// A unit range: `30%-40%`, `3天-5天`.
    func readUnitRange(_ token: NumberToken, unit: FigureUnits.Unit, _ reading: inout Reading) {
        guard reading.high == nil, let second = rangeEnd(at: reading.end, after: token),
              let secondUnit = lexicon.unit(in: r.buffer, at: second.end),
              secondUnit.unit.canonical == unit.canonical, secondUnit.unit.kind == unit.kind, secondUnit.modifier == .none else { return }
        reading.high = second.value
        reading.end = secondUnit.end
    }

    /// The qualifier: `余`/`多` before the unit, `1年多` / `3天余` after a
    /// non-count unit, or a suffix bound (`左右`, `以上`).
    func readTrailingQualifier(kind: FigureKind, _ reading: inout Reading) -> FigureQualifier? {
        var qualifier: FigureQualifier? = reading.innerMore ? .moreThan : nil
        let end = reading.end
        if !reading.innerMore, kind != .count, r[end] == u16("多") || r[end] == u16("余"),
           !words.bounds.moreBlockers.contains(r[end + 1]), lexicon.unit(in: r.buffer, at: end + 1) == nil {
            qualifier = .moreThan
            reading.end += 1
        }
        if let suffix = words.bounds.suffix(in: r, at: reading.end) {
            reading.end = suffix.end
            qualifier = suffix.qualifier
        }
        return qualifier
    }

    /// `value` rounded to 1e-9 relative precision, so that `2.45亿` is 245000000.
    static func tidy(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        let scale = pow(10, 9 - (log10(abs(value))).rounded(.up))
        return (value * scale).rounded() / scale
    }

    /// The unit at `index`, or after one space when a Latin unit follows
    /// (`15000 mL`).
    func unit(after index: Int) -> FigureUnits.Match? {
        if r[index] == 0x20, CodeUnitClass.isASCIILetter(r[index + 1]) {
            return lexicon.unit(in: r.buffer, at: index + 1)
        }
        return lexicon.unit(in: r.buffer, at: index)
    }

    /// The figure with its prefix bound (which decides the qualifier) applied.
    func finish(token: NumberToken, prefix: (start: Int, qualifier: FigureQualifier)?, end: Int, figure: Figure) -> Found {
        var figure = figure
        var start = token.start
        if let prefix {
            start = prefix.start
            figure.qualifier = prefix.qualifier
        }
        return Found(start: start, end: end, figure: figure)
    }
}
