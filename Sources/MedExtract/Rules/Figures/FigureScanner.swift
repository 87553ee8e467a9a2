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
    /// The recogniser's unit lexicon and word lists.
    let tables: FigureTables
    /// The unit lexicon.
    var lexicon: FigureUnits { tables.units }
    /// The word lists.
    var words: FigureVocabulary { tables.words }

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

    /// Whether a number can start at `u`: a digit, a Chinese numeral
    /// character or `半`.
    static func startsNumber(_ u: UInt16) -> Bool {
        CodeUnitClass.isDigit(u) || ChineseNumeral.isNumeralCharacter(u) || u == u16("半")
    }

    /// ``startsNumber(_:)`` for every code unit, one bit each (8 KB): the
    /// scan tests every unit of the text, and one load from a table that stays
    /// in cache is cheaper than the comparisons.
    static let numberStarts: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 65536 / 64)
        for u in 0 ... 0xFFFF where startsNumber(UInt16(u)) { bits[u >> 6] |= 1 << UInt64(u & 63) }
        return bits
    }()

    /// Calls `body` for every figure, in text order.
    func scan(_ body: (Found) -> Void) {
        var i = 0
        let count = r.count
        let starts = Self.numberStarts
        while i < count {
            let u = Int(r[i])
            guard starts[u >> 6] & (1 << UInt64(u & 63)) != 0 else {
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
        if token.isZero, let f = midnight(token) { return (f, f.end) }
        let zeroDecimal = token.isZero && (r[token.end] == u16("点") || r[token.end] == u16("點")) && ChineseNumeral.digit(r[token.end + 1]) != nil
        guard leftContextAllows(s), !token.isZero || zeroDecimal, !lexicon.isIgnored(in: r.buffer, at: s), !followsLabel(s) else { return (nil, resume) }
        if let f = percentWords(at: s) ?? fraction(token) { return (f, f.end) }
        switch dateOrTime(token) {
        case .found(let f): return (f, f.end)
        case .rejected: return (nil, resume)
        case .notApplicable: break
        }
        if let f = general(token) ?? halfShare(token) ?? bareDecimal(token) {
            if isPageCounter(token, f) { return (nil, max(resume, f.end)) }
            return (signed(f, token: token), f.end)
        }
        return (nil, resume)
    }

    /// Whether what stands before a number lets it be a figure: not an
    /// ordinal (`第5天`), not part of a Latin code (`T4N3M0`, `COVID-19`,
    /// `V1.2`), not a vague `数十` / `几百`.
    func leftContextAllows(_ s: Int) -> Bool {
        let p = r[s - 1]
        if words.ordinalBefore.contains(p) {
            // 数十, 几百: an approximate numeral (the general rule takes the word in);
            // 指数28: the word ends before Arabic digits.
            return words.vague[p] != nil && (ChineseNumeral.magnitude(r[s]) != nil || CodeUnitClass.isDigit(r[s]))
        }
        if p == 0x25 { return false } // %28: a URL escape
        if CodeUnitClass.isASCIILetter(p) { return false }
        switch p {
        case 0x2E, 0x2D, 0x2F, 0x5F, 0x3A, 0x2B, 0x23, 0x7E: // . - / _ : + # ~
            return !CodeUnitClass.isASCIIAlphanumeric(r[s - 2])
        default:
            return true
        }
    }

    /// `零点`: midnight, a clock time (not `零点五`, a decimal).
    func midnight(_ token: NumberToken) -> Found? {
        let e = token.end
        guard r.has("点", at: e), ChineseNumeral.digit(r[e + 1]) == nil, !CodeUnitClass.isDigit(r[e + 1]), !r.has("几", at: e + 1) else { return nil }
        var end = e + 1
        if r.has("钟", at: end) { end += 1 }
        return Found(start: token.start, end: end, figure: Figure(kind: .time, value: 0, unit: "时"))
    }

    /// Whether a label ends right before the number at `s` (after an optional
    /// colon and spaces): page furniture (`阅读量: 1102`) or a service number.
    func followsLabel(_ s: Int) -> Bool {
        var k = s - 1
        var colon = false
        while r[k] == 0x20 || r[k] == 0x3A {
            if r[k] == 0x3A { colon = true }
            k -= 1
        }
        if let ends = words.labelEnds {
            let last = Int(r[k])
            guard ends[last >> 6] & (1 << UInt64(last & 63)) != 0 else { return false }
        }
        return words.labels.contains { (!$0.colonOnly || colon) && r.has($0.word, endingAt: k + 1) }
    }

    /// Whether a counter word follows the number or its unit (`12条评论`, `0 分享`).
    func isPageCounter(_ token: NumberToken, _ found: Found) -> Bool {
        isCounter(after: token.end) || isCounter(after: found.end)
    }

    /// Whether a counter word follows `position` (after spaces and line breaks).
    private func isCounter(after position: Int) -> Bool {
        var k = position
        while r[k] == 0x20 || r[k] == 0x0A { k += 1 }
        guard words.counterStarts.mayContain(r[k]) else { return false }
        return words.counters.contains(where: { r.has($0, at: k) })
    }

    /// A negative measure or percent: `负3.9%`, `零下2℃`, `-5℃` (the sign joins the span).
    func signed(_ found: Found, token: NumberToken) -> Found {
        guard found.start == token.start, found.figure.kind == .measure || found.figure.kind == .percent,
              let sign = words.signs.first(where: { r.has($0, endingAt: found.start) }) else { return found }
        let start = found.start - sign.count
        if sign == [0x2D], CodeUnitClass.isASCIIAlphanumeric(r[start - 1]) || r[start - 1] == 0x25 { return found }
        var result = found
        result.start = start
        result.figure.value = found.figure.value.map { -$0 }
        result.figure.high = found.figure.high.map { -$0 }
        return result
    }

    /// `三分之一`, `五分之二`, `3分之1`: a fraction, as a percent rounded to
    /// one decimal (33.3, 40).
    func fraction(_ token: NumberToken) -> Found? {
        guard !token.isHalf, token.high == nil, token.value > 0, r.has("分", "之", at: token.end),
              let part = NumberToken.scan(r, at: token.end + 2), !part.isHalf, part.high == nil, part.isArabic == token.isArabic else { return nil }
        let value = (part.value / token.value * 1000).rounded() / 10
        var end = part.end
        var qualifier: FigureQualifier?
        if let suffix = words.bounds.suffix(in: r, at: end) {
            end = suffix.end
            qualifier = suffix.qualifier
        }
        return finish(token: token, prefix: words.bounds.prefix(in: r, before: token.start), end: end,
                      figure: Figure(kind: .percent, value: Self.tidy(value), unit: "%", qualifier: qualifier))
    }

    /// `半数`: half, a percent (50).
    func halfShare(_ token: NumberToken) -> Found? {
        guard token.isHalf, r.has("数", at: token.end) else { return nil }
        var end = token.end + 1
        var qualifier: FigureQualifier?
        if let suffix = words.bounds.suffix(in: r, at: end) {
            end = suffix.end
            qualifier = suffix.qualifier
        }
        return finish(token: token, prefix: words.bounds.prefix(in: r, before: token.start), end: end,
                      figure: Figure(kind: .percent, value: 50, unit: "%", qualifier: qualifier))
    }

    /// `视力只有0.2，`, `仅为0.5。`: an Arabic decimal standing alone before
    /// punctuation (or a suffix bound and punctuation) is a figure without a
    /// unit; `5.12汶川地震` is not (no punctuation follows).
    func bareDecimal(_ token: NumberToken) -> Found? {
        guard token.isArabic, !token.isInteger, !token.isGrouped, token.high == nil, !CodeUnitClass.isDigit(r[token.start - 1]) else { return nil }
        var end = token.end
        var qualifier: FigureQualifier?
        if let suffix = words.bounds.suffix(in: r, at: end) {
            end = suffix.end
            qualifier = suffix.qualifier
        }
        switch r[end] {
        case 0, 0x2C, 0x3002, 0x3B, 0x3001, 0x0A: break // end, , 。 ; 、 line end
        default: return nil
        }
        return finish(token: token, prefix: words.bounds.prefix(in: r, before: token.start), end: end,
                      figure: Figure(kind: .count, value: Self.tidy(token.value), unit: nil, qualifier: qualifier))
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
        /// A Chinese decimal (`三点五`).
        var isDecimal = false
        /// The second reading of a pair (`120/80mmHg`).
        var second: Double?
    }

    /// The general shape: number, bounds and a unit from the lexicon.
    func general(_ token: NumberToken) -> Found? {
        guard arabicEndAllows(token) else { return nil }
        var reading = Reading(value: token.value, high: token.high, end: token.end)
        readChineseDecimal(token, &reading)
        readRangeOrPair(token, &reading)
        readInnerMore(token, &reading)
        if token.isHalf && reading.innerMore { return nil }
        applyMagnitudes(token, &reading)

        let prefix = words.bounds.prefix(in: r, before: token.start) ?? vaguePrefix(token)
        if token.isBareMagnitude && !reading.innerMore && prefix == nil { return nil }

        guard let match = unit(after: reading.end) else {
            return currency(token, reading) ?? bigNumberWithoutUnit(token, prefix: prefix, reading)
        }
        if reading.isDecimal, match.unit.kind == .time || match.unit.surface.hasPrefix("分") || match.unit.surface.hasPrefix("刻") { return nil }
        guard unitAccepts(match, token: token, reading) else { return nil }
        if let found = minutesAndSeconds(token, prefix: prefix, match: match, reading) { return found }
        switch schoolGradeOrDecade(token, match: match) {
        case .found(let f): return f
        case .rejected: return nil
        case .notApplicable: break
        }

        reading.end = match.end
        applyModifier(match.modifier, &reading)
        if match.unit.flags.contains(.tens) {
            reading.value *= 10
            reading.high = reading.high.map { $0 * 10 }
        }
        readCompoundDuration(token, unit: match.unit, &reading)
        readUnitRange(token, unit: match.unit, &reading)
        let qualifier = readTrailingQualifier(kind: match.unit.kind, &reading)
        let figure = Figure(kind: match.unit.kind, value: Self.tidy(reading.value), high: reading.high.map(Self.tidy),
                            unit: match.unit.canonical, qualifier: qualifier, second: reading.second.map(Self.tidy))
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
            reading.second = second.value
            reading.end = second.end
        }
    }

    /// `三点五公里`, `一千二百三十四点五六`: a Chinese number with a decimal part
    /// (`点` or `點` and Chinese digits).
    func readChineseDecimal(_ token: NumberToken, _ reading: inout Reading) {
        let e = reading.end
        guard !token.isArabic, !token.isHalf, token.high == nil, r[e] == u16("点") || r[e] == u16("點"),
              ChineseNumeral.digit(r[e + 1]) != nil else { return }
        var value = 0.0
        var scale = 0.1
        var end = e + 1
        while let d = ChineseNumeral.digit(r[end]) {
            value += Double(d) * scale
            scale /= 10
            end += 1
        }
        reading.value += value
        reading.end = end
        reading.isDecimal = true
    }

    /// `数十`, `几百`, `上千`: an approximate word before a bare magnitude, as a prefix.
    func vaguePrefix(_ token: NumberToken) -> (start: Int, qualifier: FigureQualifier)? {
        guard let m = ChineseNumeral.magnitude(r[token.start]), let q = words.vague[r[token.start - 1]] else { return nil }
        if r[token.start - 1] == u16("上") && m < 100 { return nil }
        return (token.start - 1, q)
    }

    /// `$20`, `￥300`, `¥1.5万`: a currency symbol before the number makes money.
    func currency(_ token: NumberToken, _ reading: Reading) -> Found? {
        guard token.isArabic, let unit = words.currencies[r[token.start - 1]],
              !CodeUnitClass.isASCIIAlphanumeric(r[reading.end]) else { return nil }
        var start = token.start - 1
        var qualifier: FigureQualifier? = reading.innerMore ? .moreThan : nil
        if let prefix = words.bounds.prefix(in: r, before: start) {
            start = prefix.start
            qualifier = prefix.qualifier
        }
        return Found(start: start, end: reading.end, figure: Figure(kind: .money, value: Self.tidy(reading.value),
                                                                    high: reading.high.map(Self.tidy), unit: unit, qualifier: qualifier))
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
        let plain = reading.high == nil && !reading.innerMore && !reading.bigMagnitude && !reading.isDecimal
        if token.isHalf {
            guard unit.kind == .duration || unit.kind == .age, match.modifier != .half else { return false }
        }
        if token.isLoneOne && plain && !unit.flags.contains(.one) { return false }
        // A lone 二 with a classifier is an ordinal or a term (二次感染, 二项分布); the count is 两.
        if token.isSingleSmallDigit && token.value == 2 && !token.containsLiang && plain { return false }
        if unit.flags.contains(.arabic) && !token.isArabic { return false }
        if unit.flags.contains(.tens) {
            // 三成, 一成, 七八成, 八旬: one Chinese digit or two neighbouring ones.
            guard !token.isArabic, token.value >= 1, (token.high ?? token.value) < 10, !reading.innerMore, !reading.bigMagnitude,
                  !reading.isDecimal, reading.second == nil else { return false }
        } else if unit.flags.contains(.cjkSmall) && !(token.isSingleSmallDigit && plain) {
            return false
        }
        let yearLike = token.isArabic && !token.isGrouped && token.integerDigits == 4 && token.value >= 1900 && token.value <= 2100
        if yearLike, unit.surface.utf16.count == 1, let first = unit.surface.utf16.first, words.yearOrdinals.contains(first) {
            return false
        }
        if r[match.end] == u16("之") && unit.surface == "分" { return false }
        return true
    }

    /// `2分30秒`: minutes and seconds, a duration in minutes.
    func minutesAndSeconds(_ token: NumberToken, prefix: (start: Int, qualifier: FigureQualifier)?, match: FigureUnits.Match,
                           _ reading: Reading) -> Found? {
        guard reading.high == nil, !reading.innerMore, match.unit.surface == "分",
              let seconds = NumberToken.scan(r, at: match.end), seconds.isArabic,
              seconds.isInteger(in: 0 ... 59), r[seconds.end] == u16("秒") else { return nil }
        return finish(token: token, prefix: prefix, end: seconds.end + 1,
                      figure: Figure(kind: .duration, value: Self.tidy(reading.value + seconds.value / 60), unit: "分钟"))
    }

    /// `一年级` (a school grade) is not a figure; `80年代` is a decade.
    func schoolGradeOrDecade(_ token: NumberToken, match: FigureUnits.Match) -> Outcome {
        // The next unit first: the string is compared only before 级 or 代.
        let next = r[match.end]
        guard next == u16("级") || next == u16("代"), match.unit.kind == .duration, match.unit.canonical == "年" else { return .notApplicable }
        if next == u16("级") { return .rejected }
        // 80年代: the 1980s.
        let year = token.value < 100 ? 1900 + token.value : token.value
        return .found(finish(token: token, prefix: nil, end: match.end + 1, figure: Figure(kind: .date, value: year, unit: "年代")))
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
