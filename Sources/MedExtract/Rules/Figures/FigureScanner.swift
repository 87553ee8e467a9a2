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
        if p == u16("第") || p == u16("数") || p == u16("几") || p == u16("初") { return false }
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
        if let suffix = FigureBounds.suffix(in: r, at: end) {
            end = suffix.end
            qualifier = suffix.qualifier
        }
        var start = s
        if let prefix = FigureBounds.prefix(in: r, before: s) {
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

    /// The general shape: number, bounds and a unit from the lexicon.
    func general(_ token: NumberToken) -> Found? {
        let buffer = r.buffer
        var value = token.value
        var high = token.high
        var e = token.end
        if token.isArabic {
            if ChineseNumeral.digit(r[e]) != nil { return nil }
            if r[e] == 0x2E || r[e] == 0x3A, CodeUnitClass.isDigit(r[e + 1]) { return nil } // 5.12.3, 1:2
        }
        if high == nil, !token.isHalf, let second = rangeEnd(at: e, after: token) {
            high = second.value
            e = second.end
        } else if token.isArabic, r[e] == 0x2F, let second = NumberToken.scan(r, at: e + 1), second.isArabic,
                  let unit = unit(after: second.end), unit.unit.kind == .measure {
            // A pair of readings with one unit (a blood pressure 120/80mmHg): value and high.
            high = second.value
            e = second.end
        }

        // 余/多/几 between the number and its magnitude or unit.
        var innerMore = false
        if r[e] == u16("余") || r[e] == u16("多") {
            innerMore = true
            e += 1
        } else if r[e] == u16("几"), !token.isArabic, r[e - 1] == u16("十") {
            innerMore = true
            e += 1
        }
        if token.isHalf && innerMore { return nil }

        // 万, 亿, 千万 … after Arabic digits or after 余/多.
        var bigMagnitude = !token.isArabic && token.value >= 10_000 && !token.isBareMagnitude
        if (token.isArabic || innerMore), !token.isHalf, lexicon.unit(in: buffer, at: e) == nil {
            var applied = 0
            while applied < 2, let m = ChineseNumeral.magnitude(r[e]), m >= 100 {
                value *= m
                high = high.map { $0 * m }
                if m >= 10_000 { bigMagnitude = true }
                e += 1
                applied += 1
            }
            if applied > 0, !innerMore, r[e] == u16("余") || r[e] == u16("多") {
                innerMore = true
                e += 1
            }
        }

        let prefix = FigureBounds.prefix(in: r, before: token.start)
        if token.isBareMagnitude && !innerMore && prefix == nil { return nil }

        guard let match = unit(after: e) else {
            // `700多万`, `31万`: a big number is a count even without a classifier.
            guard bigMagnitude, token.isArabic || innerMore, !CodeUnitClass.isASCIIAlphanumeric(r[e]) else { return nil }
            return finish(token: token, prefix: prefix, end: e,
                          figure: Figure(kind: .count, value: Self.tidy(value), high: high.map(Self.tidy), unit: nil,
                                         qualifier: innerMore ? .moreThan : nil))
        }
        let unit = match.unit
        let plain = high == nil && !innerMore && !bigMagnitude

        if token.isHalf {
            guard unit.kind == .duration || unit.kind == .age, match.modifier != .half else { return nil }
        }
        if token.isLoneOne && plain && !unit.flags.contains(.one) { return nil }
        // A lone 二 with a classifier is an ordinal or a term (二次感染, 二项分布); the count is 两.
        if token.isSingleSmallDigit && token.value == 2 && !token.containsLiang && plain { return nil }
        if unit.flags.contains(.arabic) && !token.isArabic { return nil }
        if unit.flags.contains(.cjkSmall) && !(token.isSingleSmallDigit && plain) { return nil }
        let yearLike = token.isArabic && token.integerDigits == 4 && token.value >= 1900 && token.value <= 2100
        if yearLike && (unit.surface == "届" || unit.surface == "级") { return nil }
        if unit.surface == "分" && r[match.end] == u16("之") { return nil }
        // 2分30秒: minutes and seconds, a duration.
        if unit.surface == "分", high == nil, !innerMore, let seconds = NumberToken.scan(r, at: match.end), seconds.isArabic,
           seconds.isInteger(in: 0 ... 59), r[seconds.end] == u16("秒") {
            return finish(token: token, prefix: prefix, end: seconds.end + 1,
                          figure: Figure(kind: .duration, value: Self.tidy(value + seconds.value / 60), unit: "分钟"))
        }

        var end = match.end
        let kind = unit.kind
        let canonical = unit.canonical
        if unit.canonical == "年" && kind == .duration {
            if r[end] == u16("级") { return nil } // 一年级: a school grade
            if r[end] == u16("代") { // 80年代: a decade
                return finish(token: token, prefix: nil, end: end + 1, figure: Figure(kind: .date, value: nil, unit: "年代"))
            }
        }
        switch match.modifier {
        case .half:
            value += 0.5
            high = high.map { $0 + 0.5 }
        case .more:
            innerMore = true
        case .none:
            break
        }

        // A compound duration or age: 3小时40分钟, 1年3个月, 3岁5个月 (value in the first unit).
        if high == nil, kind == .duration || kind == .age, var size = Self.durationHours[canonical] {
            var parts = 0
            while parts < 2, let next = NumberToken.scan(r, at: end), next.isArabic == token.isArabic, !next.isHalf,
                  next.high == nil, let nextUnit = lexicon.unit(in: buffer, at: next.end), nextUnit.modifier == .none,
                  nextUnit.unit.kind == .duration, let nextSize = Self.durationHours[nextUnit.unit.canonical], nextSize < size,
                  let firstSize = Self.durationHours[canonical] {
                value += next.value * nextSize / firstSize
                end = nextUnit.end
                size = nextSize
                parts += 1
            }
        }

        // A unit range: 30%-40%, 3天-5天.
        if high == nil, let second = rangeEnd(at: end, after: token),
           let secondUnit = lexicon.unit(in: buffer, at: second.end),
           secondUnit.unit.canonical == canonical, secondUnit.unit.kind == kind, secondUnit.modifier == .none {
            high = second.value
            end = secondUnit.end
        }

        var qualifier: FigureQualifier? = innerMore ? .moreThan : nil
        // 1年多, 3天余: more than, written after the unit.
        if !innerMore, kind != .count, r[end] == u16("多") || r[end] == u16("余"),
           !FigureBounds.moreBlockers.contains(r[end + 1]), lexicon.unit(in: buffer, at: end + 1) == nil {
            qualifier = .moreThan
            end += 1
        }
        if let suffix = FigureBounds.suffix(in: r, at: end) {
            end = suffix.end
            qualifier = suffix.qualifier
        }
        return finish(token: token, prefix: prefix, end: end,
                      figure: Figure(kind: kind, value: Self.tidy(value), high: high.map(Self.tidy), unit: canonical, qualifier: qualifier))
    }

    /// The length in hours of the duration and age units that combine into
    /// compound durations (`3小时40分钟`).
    static let durationHours: [String: Double] = [
        "年": 8766, "岁": 8766, "月": 730.5, "周": 168, "天": 24, "小时": 1, "分钟": 1.0 / 60, "秒": 1.0 / 3600,
    ]

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
