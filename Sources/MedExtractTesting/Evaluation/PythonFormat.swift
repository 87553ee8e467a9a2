#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@_spi(Formatting) import MedExtract

/// The few Python formatting rules `score.py` output depends on, so that
/// `medextract evaluate` prints byte-identical reports.
enum PythonFormat {
    /// `f"{s:<width}"`: pads on the right to `width` code points.
    static func left(_ s: String, _ width: Int) -> String {
        let n = s.unicodeScalars.count
        return n >= width ? s : s + String(repeating: " ", count: width - n)
    }

    /// `f"{s:>width}"`: pads on the left to `width` code points.
    static func right(_ s: String, _ width: Int) -> String {
        let n = s.unicodeScalars.count
        return n >= width ? s : String(repeating: " ", count: width - n) + s
    }

    /// `f"{x:.{digits}f}"`: correctly rounded fixed notation (C's `%.Nf`,
    /// which like Python rounds the exact binary value, ties to even).
    static func fixed(_ x: Double, _ digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([x]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 64, "%.\(digits)f", args) }
        }
        guard written > 0 else { return String(x) }
        return String(decoding: buffer.prefix(Int(min(written, 63))).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `round(x, digits)`: the double nearest to `x` correctly rounded to
    /// `digits` decimals (CPython rounds through the same correctly rounded
    /// decimal string).
    static func round(_ x: Double, _ digits: Int) -> Double {
        guard x.isFinite else { return x }
        return Double(fixed(x, digits)) ?? x
    }

    /// `repr(x)` of a float, as `json.dumps` writes it: the shortest string
    /// that reads back as `x`, always with a fraction or exponent.
    static func float(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "Infinity" : "-Infinity") }
        let magnitude = abs(x)
        if magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e16) {
            // Python writes 1e-05 where Swift writes 1e-05 too, but pads the exponent to two digits.
            let swift = "\(x)"
            guard let e = swift.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return swift }
            let mantissa = swift[..<e]
            var exponent = swift[swift.index(after: e)...]
            var sign = "+"
            if exponent.first == "-" { sign = "-"; exponent = exponent.dropFirst() } else if exponent.first == "+" { exponent = exponent.dropFirst() }
            let padded = exponent.count < 2 ? "0" + exponent : String(exponent)
            let m = mantissa.hasSuffix(".0") ? String(mantissa.dropLast(2)) : String(mantissa)
            return m + "e" + sign + padded
        }
        let swift = "\(x)"
        if swift.contains("e") {
            // Swift switches to exponent notation earlier than Python for large values.
            return fixedShortest(x)
        }
        return swift
    }

    /// Plain decimal notation of an integral-or-not double in Python's style
    /// (only reached for large magnitudes below 1e16).
    private static func fixedShortest(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e16 { return String(Int64(x)) + ".0" }
        return "\(x)"
    }

    /// A JSON string literal as `json.dumps(..., ensure_ascii=False)` writes it.
    static func jsonString(_ s: String) -> String {
        JSONStringEscaper.quoted(s, mode: .pythonCompatible)
    }

    /// `repr(s)` of a Python 3 string: single quotes unless the string holds a
    /// single quote and no double quote; escapes for the quote, backslash,
    /// `\t \n \r`, other control characters and non-printable characters
    /// (separators, format characters, unassigned code points).
    static func repr(_ s: String) -> String {
        let scalars = s.unicodeScalars
        let quote: Unicode.Scalar = scalars.contains("'") && !scalars.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in scalars {
            let v = scalar.value
            if scalar == quote || scalar == "\\" {
                out += "\\" + String(scalar)
            } else if scalar == "\t" {
                out += "\\t"
            } else if scalar == "\n" {
                out += "\\n"
            } else if scalar == "\r" {
                out += "\\r"
            } else if v < 0x20 || v == 0x7F {
                out += "\\x" + hex(v, width: 2)
            } else if v < 0x7F || isPrintable(scalar) {
                out.unicodeScalars.append(scalar)
            } else if v <= 0xFF {
                out += "\\x" + hex(v, width: 2)
            } else if v <= 0xFFFF {
                out += "\\u" + hex(v, width: 4)
            } else {
                out += "\\U" + hex(v, width: 8)
            }
        }
        out.unicodeScalars.append(quote)
        return out
    }

    /// Python's `str.isprintable` for one non-ASCII character.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            false
        default:
            true
        }
    }

    /// `text[start:end]` with Python's slice rules (negative indices count
    /// from the end, out-of-range indices are clamped).
    static func slice(_ text: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        let n = text.count
        func clamp(_ i: Int) -> Int { i < 0 ? max(0, i + n) : min(i, n) }
        let lo = clamp(start)
        let hi = clamp(end)
        guard lo < hi else { return "" }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text[lo ..< hi])
        return String(out)
    }

    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
