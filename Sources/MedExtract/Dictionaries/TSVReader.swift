/// Reads the tab-separated data files MedExtract uses: UTF-8, one record a
/// line, `#` comments and blank lines skipped, a leading BOM and CRLF line
/// ends accepted.
struct TSVReader {
    /// One data line: its 1-based line number and its fields.
    struct Row {
        var line: Int
        var fields: [Substring]
    }

    /// Splits `contents` into rows of fields.
    static func rows(_ contents: String) -> [Row] {
        var rows: [Row] = []
        var lineNumber = 0
        var text = Substring(contents)
        if text.unicodeScalars.first == "\u{FEFF}" { text = text.dropFirst() }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            rows.append(Row(line: lineNumber, fields: line.split(separator: "\t", omittingEmptySubsequences: false)))
        }
        return rows
    }
}
