/// Escapes a document id for the line-oriented formats (text, CoNLL), where
/// a tab or a line break in an id would break the line structure: a
/// backslash, tab, LF and CR become `\\`, `\t`, `\n`, `\r`; other control
/// characters `\u{…}`.
enum IdEscaping {
    /// The id, escaped; an id without such characters is returned as is.
    static func escaped(_ id: String) -> String {
        guard id.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.generalCategory == .control }) else { return id }
        var out = ""
        for scalar in id.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
