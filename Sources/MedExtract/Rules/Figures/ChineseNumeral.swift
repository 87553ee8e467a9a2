/// Numerals written with Arabic digits, Chinese numeral characters, or both
/// (`1.5万` is read as `1.5` here; magnitudes after Arabic digits are the
/// figure rules' business).
///
/// Chinese numerals follow the usual grammar: digits 〇 零 一 二 两 三 … 九,
/// magnitudes 十 百 千 万 亿, the contractions 廿 (20) and 卅 (30), the
/// colloquial abbreviation `一万二` (12000) / `三千五` (3500), a placeholder
/// 零 (`一百零五`), digit strings read digit by digit (`二〇二三` → 2023), and
/// two neighbouring digits as a range (`三四` → 3–4, `二三十` → 20–30). A run
/// that is none of these (`十四五`, `三五成群`) is not a number.
enum ChineseNumeral {
    /// The value of a Chinese digit (〇 零 一 二 两 兩 三 四 五 六 七 八 九), or nil.
    @inline(__always)
    static func digit(_ u: UInt16) -> Int? {
        switch u {
        case 0x3007, 0x96F6: return 0 // 〇 零
        case 0x4E00: return 1 // 一
        case 0x4E8C, 0x4E24, 0x5169: return 2 // 二 两 兩
        case 0x4E09: return 3 // 三
        case 0x56DB: return 4 // 四
        case 0x4E94: return 5 // 五
        case 0x516D: return 6 // 六
        case 0x4E03: return 7 // 七
        case 0x516B: return 8 // 八
        case 0x4E5D: return 9 // 九
        default: return nil
        }
    }

    /// The value of a magnitude character (十 百 千 万 萬 亿 億), or nil.
    @inline(__always)
    static func magnitude(_ u: UInt16) -> Double? {
        switch u {
        case 0x5341: return 10 // 十
        case 0x767E: return 100 // 百
        case 0x5343: return 1000 // 千
        case 0x4E07, 0x842C: return 10_000 // 万 萬
        case 0x4EBF, 0x5104: return 100_000_000 // 亿 億
        default: return nil
        }
    }

    /// The value of a tens contraction (廿 20, 卅 30), or nil.
    @inline(__always)
    static func tens(_ u: UInt16) -> Double? {
        switch u {
        case 0x5EFF: return 20 // 廿
        case 0x5345: return 30 // 卅
        default: return nil
        }
    }

    /// Whether `u` is part of a Chinese numeral.
    @inline(__always)
    static func isNumeralCharacter(_ u: UInt16) -> Bool {
        digit(u) != nil || magnitude(u) != nil || tens(u) != nil
    }

    /// The longest run of Chinese numeral characters a number may have; longer
    /// runs are not read as numbers.
    static let maximumRun = 16

    /// The value of a whole string that is one numeral, optionally followed by
    /// an approximation (`余`, `多`) or `个半` / `半`: `三十余` → 30,
    /// `四个半` → 4.5, `1.5万` → 15000, `两千` → 2000. Nil when the string is
    /// not exactly that.
    static func value(of string: String) -> Double? {
        let units = [UInt16](utf16Of: string)
        return units.withUnsafeBufferPointer { buffer -> Double? in
            let reader = CodeUnitReader(buffer: buffer)
            guard var token = NumberToken.scan(reader, at: 0) else { return nil }
            var end = token.end
            if !token.isHalf, let m = magnitude(reader[end]), m >= 100 {
                token.value *= m
                end += 1
            }
            if reader[end] == u16("余") || reader[end] == u16("多") { end += 1 }
            if reader.has("个", "半", at: end) {
                token.value += 0.5
                end += 2
            } else if reader[end] == u16("半") {
                token.value += 0.5
                end += 1
            }
            return end == units.count ? token.value : nil
        }
    }
}

/// A number read from the text: its extent, value and the properties the
/// figure rules look at.
struct NumberToken {
    /// First code unit.
    var start: Int
    /// End (exclusive).
    var end: Int
    /// The value (the lower end for `三四`-style ranges).
    var value: Double
    /// The upper end of a `三四`-style range.
    var high: Double?
    /// Written in Arabic digits.
    var isArabic = false
    /// Arabic: the number of digits before the decimal point; a Chinese digit
    /// string (`二〇二三`): its length; otherwise 0.
    var integerDigits = 0
    /// No fractional part.
    var isInteger = true
    /// Exactly the character `一`.
    var isLoneOne = false
    /// Exactly one Chinese digit from 二 to 九 (or 两).
    var isSingleSmallDigit = false
    /// Starts with a magnitude and no digit (`百`, `千`, `万`).
    var isBareMagnitude = false
    /// Chinese digits read one by one (`二〇二三`).
    var isDigitString = false
    /// Contains `两` (never used in month names).
    var containsLiang = false
    /// Only the zero character (`零`, `〇`).
    var isZero = false
    /// The word `半` (half).
    var isHalf = false
    /// Arabic digits with thousands separators (`12,345`).
    var isGrouped = false

    /// Whether the token is a plain integer from `lower` to `upper`.
    func isInteger(in range: ClosedRange<Int>) -> Bool {
        high == nil && isInteger && value >= Double(range.lowerBound) && value <= Double(range.upperBound)
    }

    /// The end of the run of numeral characters (Arabic digits with a decimal
    /// part, or Chinese numerals) that starts at `start`: where scanning
    /// resumes when the run is not a figure.
    static func runEnd(_ r: CodeUnitReader, from start: Int) -> Int {
        var j = start
        if CodeUnitClass.isDigit(r[j]) {
            while true {
                if CodeUnitClass.isDigit(r[j]) || (r[j] == 0x2E && CodeUnitClass.isDigit(r[j + 1])) {
                    j += 1
                } else if r[j] == 0x2C, isThreeDigitGroup(r, at: j + 1) {
                    j += 4
                } else {
                    return j
                }
            }
        }
        while ChineseNumeral.isNumeralCharacter(r[j]) { j += 1 }
        return max(j, start + 1)
    }

    /// Reads the number starting at `start`: Arabic digits (with an optional
    /// decimal part), a Chinese numeral, or `半`. Nil when there is none or the
    /// run is not a well-formed numeral.
    static func scan(_ r: CodeUnitReader, at start: Int) -> NumberToken? {
        let first = r[start]
        if CodeUnitClass.isDigit(first) { return scanArabic(r, at: start) }
        if first == u16("半") {
            var token = NumberToken(start: start, end: start + 1, value: 0.5)
            token.isHalf = true
            token.isInteger = false
            return token
        }
        return scanChinese(r, at: start)
    }

    private static func scanArabic(_ r: CodeUnitReader, at start: Int) -> NumberToken? {
        var j = start
        var value = 0.0
        var digits = 0
        while CodeUnitClass.isDigit(r[j]) {
            value = value * 10 + Double(r[j] - 0x30)
            digits += 1
            j += 1
        }
        guard digits > 0, digits <= 15 else { return nil }
        // 1,000 and 12,345.6: groups of exactly three digits after a first group of one to three.
        var grouped = false
        if digits <= 3, r[start] != 0x30 {
            while r[j] == 0x2C, isThreeDigitGroup(r, at: j + 1) {
                for k in j + 1 ... j + 3 { value = value * 10 + Double(r[k] - 0x30) }
                digits += 3
                j += 4
                grouped = true
            }
            guard digits <= 15 else { return nil }
        }
        var isInteger = true
        if r[j] == 0x2E, CodeUnitClass.isDigit(r[j + 1]) { // .
            j += 1
            var scale = 0.1
            var fractionDigits = 0
            while CodeUnitClass.isDigit(r[j]) {
                value += Double(r[j] - 0x30) * scale
                scale /= 10
                fractionDigits += 1
                j += 1
            }
            guard fractionDigits <= 10 else { return nil }
            isInteger = false
        }
        var token = NumberToken(start: start, end: j, value: value)
        token.isArabic = true
        token.integerDigits = digits
        token.isInteger = isInteger
        token.isGrouped = grouped
        return token
    }

    /// Whether three digits, and then no digit, stand at `index`.
    static func isThreeDigitGroup(_ r: CodeUnitReader, at index: Int) -> Bool {
        CodeUnitClass.isDigit(r[index]) && CodeUnitClass.isDigit(r[index + 1]) && CodeUnitClass.isDigit(r[index + 2])
            && !CodeUnitClass.isDigit(r[index + 3])
    }

    private static func scanChinese(_ r: CodeUnitReader, at start: Int) -> NumberToken? {
        var end = start
        while ChineseNumeral.isNumeralCharacter(r[end]) { end += 1 }
        let length = end - start
        guard length > 0, length <= ChineseNumeral.maximumRun else { return nil }
        var token = NumberToken(start: start, end: end, value: 0)
        for k in start ..< end where r[k] == u16("两") || r[k] == u16("兩") { token.containsLiang = true }

        if length == 1, let d = ChineseNumeral.digit(r[start]) {
            token.value = Double(d)
            token.isLoneOne = d == 1
            token.isSingleSmallDigit = d >= 2
            token.isZero = d == 0
            return token
        }
        if ChineseNumeral.digit(r[start]) != nil, ChineseNumeral.digit(r[start + 1]) != nil {
            return juxtaposedDigits(r, token)
        }
        return positional(r, token)
    }

    /// Two or more digits side by side: a digit string read digit by digit
    /// (`二〇二三`, exactly four) or two neighbouring digits as a range with an
    /// optional magnitude (`三四`, `二三十`, `七八万`).
    private static func juxtaposedDigits(_ r: CodeUnitReader, _ token: NumberToken) -> NumberToken? {
        var token = token
        let start = token.start
        let end = token.end
        let length = end - start
        guard let d0 = ChineseNumeral.digit(r[start]), let d1 = ChineseNumeral.digit(r[start + 1]) else { return nil }
        var allDigits = true
        for k in start ..< end where ChineseNumeral.digit(r[k]) == nil { allDigits = false }
        if allDigits && length >= 3 {
            guard length == 4 else { return nil }
            var v = 0.0
            for k in start ..< end { v = v * 10 + Double(ChineseNumeral.digit(r[k]) ?? 0) }
            token.value = v
            token.isDigitString = true
            token.integerDigits = 4
            return token
        }
        guard d0 >= 1, d1 == d0 + 1 else { return nil }
        var scale = 1.0
        var previous = Double.infinity
        for k in start + 2 ..< end {
            guard let m = ChineseNumeral.magnitude(r[k]), m < previous || m >= 10_000 else { return nil }
            scale *= m
            previous = m
        }
        token.value = Double(d0) * scale
        token.high = Double(d1) * scale
        return token
    }

    /// The running state of a positional Chinese numeral (`一亿三千万`).
    private struct PositionalState {
        /// The completed 亿 part.
        var total = 0.0
        /// The completed 万 part.
        var wan = 0.0
        /// The part below 万.
        var section = 0.0
        /// A digit waiting for its magnitude.
        var pending: Int?
        /// The last magnitude read (0 before any).
        var lastMagnitude = 0.0
        /// A 零 was read since the last magnitude.
        var zeroSinceMagnitude = false
    }

    /// A positional numeral: digits with magnitudes 十 百 千 万 亿, 零 as a
    /// placeholder, 廿/卅, and the abbreviation `一万二` / `三千五`.
    private static func positional(_ r: CodeUnitReader, _ token: NumberToken) -> NumberToken? {
        var token = token
        var state = PositionalState()
        for k in token.start ..< token.end {
            let u = r[k]
            if let d = ChineseNumeral.digit(u) {
                guard state.pending == nil else { return nil }
                if d == 0 {
                    state.zeroSinceMagnitude = true
                } else {
                    state.pending = d
                }
            } else if let t = ChineseNumeral.tens(u) {
                guard state.pending == nil, state.lastMagnitude == 0 || state.lastMagnitude > 10 else { return nil }
                state.section += t
                state.lastMagnitude = 10
                state.zeroSinceMagnitude = false
            } else if let m = ChineseNumeral.magnitude(u) {
                let isFirst = k == token.start
                let ok: Bool
                if m < 10_000 {
                    ok = smallMagnitude(m, isFirst: isFirst, &state, &token)
                } else if m == 10_000 {
                    ok = wanMagnitude(m, isFirst: isFirst, &state, &token)
                } else {
                    ok = yiMagnitude(m, isFirst: isFirst, &state, &token)
                }
                guard ok else { return nil }
            }
        }
        if let p = state.pending {
            if !state.zeroSinceMagnitude && state.lastMagnitude >= 100 {
                state.section += Double(p) * state.lastMagnitude / 10
            } else {
                state.section += Double(p)
            }
        }
        token.value = state.total + state.wan + state.section
        return token
    }

    /// 十, 百 or 千 in a positional numeral; false when it is out of place.
    private static func smallMagnitude(_ m: Double, isFirst: Bool, _ state: inout PositionalState, _ token: inout NumberToken) -> Bool {
        if state.lastMagnitude != 0, state.lastMagnitude < 10_000, state.lastMagnitude <= m { return false }
        let multiplier: Double
        if let p = state.pending {
            multiplier = Double(p)
        } else if isFirst {
            multiplier = 1
            if m > 10 { token.isBareMagnitude = true }
        } else if m == 10 && state.lastMagnitude >= 100 && state.zeroSinceMagnitude {
            multiplier = 1 // 一百零十 is unusual but harmless
        } else {
            return false
        }
        state.section += multiplier * m
        state.pending = nil
        state.lastMagnitude = m
        state.zeroSinceMagnitude = false
        return true
    }

    /// 万 in a positional numeral; false when it is out of place.
    private static func wanMagnitude(_ m: Double, isFirst: Bool, _ state: inout PositionalState, _ token: inout NumberToken) -> Bool {
        guard state.lastMagnitude != 10_000 else { return false }
        if let p = state.pending { state.section += Double(p) }
        state.pending = nil
        if state.section == 0 {
            guard isFirst else { return false }
            token.isBareMagnitude = true
            state.section = 1
        }
        state.wan = state.section * m
        state.section = 0
        state.lastMagnitude = m
        state.zeroSinceMagnitude = false
        return true
    }

    /// 亿 in a positional numeral; false when it is out of place.
    private static func yiMagnitude(_ m: Double, isFirst: Bool, _ state: inout PositionalState, _ token: inout NumberToken) -> Bool {
        guard state.lastMagnitude != m else { return false }
        if let p = state.pending { state.section += Double(p) }
        state.pending = nil
        var part = state.wan + state.section
        if part == 0 {
            guard isFirst else { return false }
            token.isBareMagnitude = true
            part = 1
        }
        state.total = (state.total + part) * m
        state.wan = 0
        state.section = 0
        state.lastMagnitude = m
        state.zeroSinceMagnitude = false
        return true
    }
}
