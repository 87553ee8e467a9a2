/// Calendar dates and clock times.
///
/// What is a date: a year of four digits from 1900 to 2100 with `年` (`2023年`,
/// `二〇二三年`, `2021-2023年`), optionally with `度` (`2024年度`) or a month
/// and day (`2023年5月10日`); a month 1–12 with `月` (`六月`, `6月22日`,
/// `3月份`); a day 1–31 with `日` after Arabic digits (`22日`); an ISO-style
/// `2023-10-09` / `2023.10.09`; lunar dates after 正月/腊月/冬月/大年
/// (`腊月二十八`, `大年初一`); and a bare year before a word or opening quote
/// (`2023国际…论坛`). A small number with `年` is a duration (`3年`).
///
/// Date figures carry `value` = the year when one is written (`high` = the
/// last year of a range), else nil, and `unit` = the precision written:
/// `年`, `年度`, `年代`, `月` or `日`.
///
/// Clock times (`9:55`, `22点`, `上午10时`, `8点30分`, `三点半`) carry `value`
/// = hours since midnight as written (9:55 → 9.9167) and `unit` = `时`. The
/// time-of-day word (`上午`, `晚上`) is not part of the span.
extension FigureScanner {
    /// Lunar dates: `腊月二十八`, `正月初八`, `大年初一`, `大年三十`.
    func lunarDate(_ t: NumberToken) -> Outcome {
        guard !t.isArabic, !t.isHalf, t.high == nil else { return .notApplicable }
        var before = t.start
        let afterChu = r.has("初", at: before - 1)
        if afterChu { before -= 1 }
        guard words.lunarMonthStarts.mayContain(r[before - 2]),
              let lunar = words.lunarMonths.first(where: { $0.word.count == 2 && r.has($0.word, at: before - 2) }) else {
            return afterChu ? .rejected : .notApplicable
        }
        let start = before - 2
        guard t.isInteger(in: 1 ... 30), !afterChu || t.value <= 10 else { return .rejected }
        var end = t.end
        if r.has("日", at: end) { end += 1 }
        let value = Self.monthDay(lunar.month, t.value)
        return .found(Found(start: start, end: end, figure: Figure(kind: .date, value: value, unit: "日")))
    }

    /// Dates and clock times starting with the number `t`.
    func dateOrTime(_ t: NumberToken) -> Outcome {
        guard !t.isHalf else { return .notApplicable }
        let e = t.end
        // 9:55, 09:30:00
        if t.isArabic, t.integerDigits <= 2, t.isInteger(in: 0 ... 24), r[e] == 0x3A,
           let minutes = digits(at: e + 1), minutes.count == 2, minutes.value < 60 {
            var end = minutes.end
            if r[end] == 0x3A, let seconds = digits(at: end + 1), seconds.count == 2 { end = seconds.end }
            let value = t.value + minutes.value / 60
            var high: Double?
            let sep = rangeSeparator(at: end)
            if sep > 0, let h2 = digits(at: end + sep), h2.count <= 2, h2.value <= 24, r[h2.end] == 0x3A,
               let m2 = digits(at: h2.end + 1), m2.count == 2, m2.value < 60 {
                high = h2.value + m2.value / 60
                end = m2.end
            }
            if high == nil, r.has("分", at: end), !r.has("钟", at: end + 1) { end += 1 } // 14:45分
            return .found(Found(start: t.start, end: end, figure: Figure(kind: .time, value: value, high: high, unit: "时")))
        }
        if let found = numericDate(t) { return .found(found) }

        let fourDigits = t.high == nil && t.isInteger && !t.isGrouped && ((t.isArabic && t.integerDigits == 4) || t.isDigitString)
        // A four-digit year with 年 is a date wherever it stands (1899年); a bare year only from 1900 to 2100.
        let yearLike = fourDigits && t.value >= 1900 && t.value <= 2100
        if yearLike || (fourDigits && t.value >= 1000 && r.has("年", at: e)) { return year(t) }
        if t.isDigitString { return .rejected }

        // 6月余: more than six months, a duration.
        if t.isInteger(in: 1 ... 12), !t.isDigitString, r.has("月", "余", at: e) {
            return .found(Found(start: t.start, end: e + 2, figure: Figure(kind: .duration, value: t.value, unit: "月", qualifier: .moreThan)))
        }
        if let day = monthAndDay(t) {
            return .found(Found(start: t.start, end: day.end, figure: Figure(kind: .date, value: day.value, high: day.high, unit: day.unit)))
        }
        // 1-6月, 一至六月: a range of months.
        if t.isInteger(in: 1 ... 11), !t.containsLiang, let second = rangeEnd(at: e, after: t), second.isInteger(in: 2 ... 12),
           !second.containsLiang, monthAndDay(second) != nil, r.has("月", at: second.end) {
            let end = second.end + (r.has("份", at: second.end + 1) ? 2 : 1)
            return .found(Found(start: t.start, end: end, figure: Figure(kind: .date, value: t.value, high: second.value, unit: "月")))
        }
        // 22日 (not 日元); 元月9日
        if t.isArabic, t.integerDigits <= 2, t.isInteger(in: 1 ... 31), r.has("日", at: e), !r.has("元", at: e + 1) {
            if let named = words.namedMonths.first(where: { r.has($0.word, endingAt: t.start) }) {
                return .found(Found(start: t.start - named.word.count, end: e + 1,
                                    figure: Figure(kind: .date, value: Self.monthDay(named.month, t.value), unit: "日")))
            }
            return .found(Found(start: t.start, end: e + 1, figure: Figure(kind: .date, value: t.value, unit: "日")))
        }
        // 29、30日: the first of coordinated days.
        if t.isArabic, t.integerDigits <= 2, t.isInteger(in: 1 ... 31), r[e] == 0x3001, let next = digits(at: e + 1), next.count <= 2,
           next.value >= 1, next.value <= 31, r.has("日", at: next.end) || r[next.end] == 0x3001 {
            return .found(Found(start: t.start, end: e, figure: Figure(kind: .date, value: t.value, unit: "日")))
        }
        if let found = labelledMonthDay(t) { return .found(found) }
        return clockTime(t)
    }

    /// A run of ASCII digits at `index` (no sign, no decimal point).
    func digits(at index: Int) -> (value: Double, count: Int, end: Int)? {
        var j = index
        var value = 0.0
        while CodeUnitClass.isDigit(r[j]), j - index < 9 {
            value = value * 10 + Double(r[j] - 0x30)
            j += 1
        }
        return j > index ? (value, j - index, j) : nil
    }

    /// A year number: `2023年`, `2023年度`, `2023年5月`, `2021-2023年`, `2023-10-09`, bare `2023`.
    func year(_ t: NumberToken) -> Outcome {
        let e = t.end
        // 2023-10-09, 2023.10.09, 2023/10/09
        if t.isArabic, r[e] == 0x2D || r[e] == 0x2E || r[e] == 0x2F, let month = digits(at: e + 1), month.count <= 2,
           month.value >= 1, month.value <= 12, r[month.end] == r[e], let day = digits(at: month.end + 1),
           day.count <= 2, day.value >= 1, day.value <= 31, !CodeUnitClass.isDigit(r[day.end]) {
            return .found(Found(start: t.start, end: day.end, figure: Figure(kind: .date, value: t.value, unit: "日")))
        }
        var high: Double?
        var yearEnd = e
        let sep = rangeSeparator(at: e)
        if sep > 0, t.isArabic, let second = digits(at: e + sep), second.count == 4, second.value > t.value,
           second.value <= 2100, !CodeUnitClass.isDigit(r[second.end]) {
            high = second.value
            yearEnd = second.end
        }
        if r.has("年", at: yearEnd) {
            var end = yearEnd + 1
            var unit = "年"
            if r.has("度", at: end) {
                end += 1
                unit = "年度"
            } else if r.has("代", at: end) {
                end += 1
                unit = "年代"
            } else if r.has("级", at: end) {
                return .rejected
            } else if high == nil, let month = NumberToken.scan(r, at: end), let day = monthAndDay(month) {
                end = day.end
                unit = day.unit
            }
            return .found(Found(start: t.start, end: end, figure: Figure(kind: .date, value: t.value, high: high, unit: unit)))
        }
        // A bare year before a word: 2023国际…论坛, 2023“…”.
        let next = r[yearEnd]
        let opensQuote = next == 0x201C || next == 0x300A || next == 0x300C || next == 0x300E || next == 0x3010
        if (CodeUnitClass.isIdeograph(next) || opensQuote), !ChineseNumeral.isNumeralCharacter(next),
           !words.bareYearBlockers.contains(next), lexicon.unit(in: r.buffer, at: yearEnd) == nil,
           t.isArabic {
            return .found(Found(start: t.start, end: yearEnd, figure: Figure(kind: .date, value: t.value, high: high, unit: "年")))
        }
        return .notApplicable
    }

    /// The value of a date without a year: the month and day as `M.DD`
    /// (`6月22日` → 6.22, `腊月二十八` → 12.28).
    static func monthDay(_ month: Double, _ day: Double) -> Double {
        tidy(month + day / 100)
    }

    /// A month (`6月`, `六月`, `3月份`) with an optional day (`6月22日`,
    /// `6月22号`, `八月十五`): the end, the precision and the value (`M` or
    /// `M.DD`, `high` for a range of days), or nil.
    func monthAndDay(_ t: NumberToken) -> (end: Int, unit: String, value: Double, high: Double?)? {
        guard !t.isHalf, t.isInteger(in: 1 ... 12), !t.containsLiang, !t.isDigitString,
              !t.isArabic || t.integerDigits <= 2, r.has("月", at: t.end) else { return nil }
        let month = t.value
        let monthEnd = t.end + 1
        // 月龄 and other units that start with 月 are not months.
        if let unit = lexicon.unit(in: r.buffer, at: t.end), unit.end > monthEnd { return nil }
        if r.has("份", at: monthEnd) { return (monthEnd + 1, "月", month, nil) }
        guard let day = NumberToken.scan(r, at: monthEnd), !day.isHalf, day.isInteger(in: 1 ... 31),
              !day.isArabic || day.integerDigits <= 2 else { return (monthEnd, "月", month, nil) }
        let value = Self.monthDay(month, day.value)
        if r.has("日", at: day.end) || r.has("号", at: day.end) {
            if r.has("元", at: day.end + 1) { return (monthEnd, "月", month, nil) }
            var end = day.end + 1
            var high: Double?
            // 22日-24日
            if let last = rangeEnd(at: end, after: day), last.isInteger(in: 2 ... 31), r.has("日", at: last.end) || r.has("号", at: last.end) {
                end = last.end + 1
                high = Self.monthDay(month, last.value)
            }
            return (end, "日", value, high)
        }
        // 22-24日
        if let last = rangeEnd(at: day.end, after: day), last.isInteger(in: 2 ... 31), r.has("日", at: last.end) || r.has("号", at: last.end) {
            return (last.end + 1, "日", value, Self.monthDay(month, last.value))
        }
        // 29、30日: the first of coordinated days after a month.
        if day.isArabic, r[day.end] == 0x3001, let next = digits(at: day.end + 1), next.count <= 2, next.value >= 1, next.value <= 31,
           r.has("日", at: next.end) || r[next.end] == 0x3001 {
            return (day.end, "日", value, nil)
        }
        // 八月十五: a Chinese day after a Chinese month.
        if !t.isArabic, !day.isArabic, day.value <= 30, !ChineseNumeral.isNumeralCharacter(r[day.end]),
           lexicon.unit(in: r.buffer, at: day.end) == nil, !r.has("点", at: day.end), !r.has("时", at: day.end) {
            return (day.end, "日", value, nil)
        }
        return (monthEnd, "月", month, nil)
    }

    /// All-digit dates: `2010.01.29`, `2010/01/29` and `29.09.2020` (the
    /// same separator twice); value = the year.
    func numericDate(_ t: NumberToken) -> Found? {
        guard t.isArabic, !t.isGrouped, let a = digits(at: t.start) else { return nil }
        let sep = r[a.end]
        guard sep == 0x2E || sep == 0x2F || sep == 0x2D, let b = digits(at: a.end + 1), b.count <= 2, r[b.end] == sep,
              let c = digits(at: b.end + 1), !CodeUnitClass.isDigit(r[c.end]) else { return nil }
        if a.count == 4, a.value >= 1000, b.value >= 1, b.value <= 12, c.count <= 2, c.value >= 1, c.value <= 31 {
            return Found(start: t.start, end: c.end, figure: Figure(kind: .date, value: a.value, unit: "日"))
        }
        if a.count <= 2, a.value >= 1, a.value <= 31, b.value >= 1, b.value <= 12, c.count == 4, c.value >= 1000 {
            return Found(start: t.start, end: c.end, figure: Figure(kind: .date, value: c.value, unit: "日"))
        }
        return nil
    }

    /// `MM-DD` after a date label (`日期:11-20`): value `M.DD`.
    func labelledMonthDay(_ t: NumberToken) -> Found? {
        guard t.isArabic, t.integerDigits <= 2, t.isInteger(in: 1 ... 12), r[t.end] == 0x2D,
              let day = digits(at: t.end + 1), day.count <= 2, day.value >= 1, day.value <= 31,
              !CodeUnitClass.isDigit(r[day.end]), r[day.end] != 0x2D else { return nil }
        var k = t.start - 1
        while r[k] == 0x20 || r[k] == 0x3A { k -= 1 }
        guard words.dateLabels.contains(where: { r.has($0, endingAt: k + 1) }) else { return nil }
        return Found(start: t.start, end: day.end, figure: Figure(kind: .date, value: Self.monthDay(t.value, day.value), unit: "日"))
    }

    /// Whether a time-of-day word ends right before `index`.
    func hasTimeOfDayWord(before index: Int) -> Bool {
        words.timeOfDayWords.contains { r.has($0, endingAt: index) }
    }

    /// `22点`, `上午10时`, `8点30分`, `三点半`, `10点钟`.
    func clockTime(_ t: NumberToken) -> Outcome {
        let e = t.end
        let isDian = r.has("点", at: e)
        guard isDian || r.has("时", at: e), t.isInteger(in: 0 ... 24), !t.isBareMagnitude,
              !t.isArabic || t.integerDigits <= 2 else { return .notApplicable }
        var end = e + 1
        var value = t.value
        var accepted = hasTimeOfDayWord(before: t.start)
        if let minutes = NumberToken.scan(r, at: end), !minutes.isHalf, minutes.isInteger(in: 0 ... 59),
           r.has("分", at: minutes.end), !r.has("钟", at: minutes.end + 1), minutes.isArabic == t.isArabic {
            value += minutes.value / 60
            end = minutes.end + 1
            accepted = true
            // 16时40分50秒
            if let seconds = NumberToken.scan(r, at: end), !seconds.isHalf, seconds.isInteger(in: 0 ... 59), r.has("秒", at: seconds.end),
               seconds.isArabic == t.isArabic {
                value += seconds.value / 3600
                end = seconds.end + 1
            }
        } else if isDian, let quarters = NumberToken.scan(r, at: end), quarters.isInteger(in: 1 ... 3), r.has("刻", at: quarters.end) {
            // 11点3刻, 八点一刻
            value += quarters.value / 4
            end = quarters.end + 1
            accepted = true
        } else if isDian, r.has("多", "钟", at: end) {
            // 11点多钟
            return .found(Found(start: t.start, end: end + 2, figure: Figure(kind: .time, value: value, unit: "时", qualifier: .moreThan)))
        } else if r.has("半", at: end) {
            value += 0.5
            end += 1
            accepted = true
        } else if isDian, r.has("钟", at: end) {
            end += 1
            accepted = true
        }
        if !isDian, t.isArabic, !words.shiWordEnds.contains(r[e + 1]) { accepted = true }
        if isDian, t.isArabic, t.value >= 13 { accepted = true } // 13点 … 24点 can only be an hour
        if r.has("整", at: end) && accepted { end += 1 }
        guard accepted else { return .notApplicable }
        var qualifier: FigureQualifier?
        if r.has("多", at: end), !words.bounds.moreBlockers.contains(r[end + 1]) {
            qualifier = .moreThan
            end += 1
        } else if let suffix = words.bounds.suffix(in: r, at: end) {
            qualifier = suffix.qualifier
            end = suffix.end
        }
        return .found(Found(start: t.start, end: end, figure: Figure(kind: .time, value: Self.tidy(value), unit: "时", qualifier: qualifier)))
    }
}
