/// Reads the tab-separated data files MedExtract uses: UTF-8, one record a
/// line, `#` comments and blank lines skipped, a leading BOM and CRLF (or
/// lone CR) line ends accepted.
///
/// Lines and fields are split on Unicode scalars, not `Character`s: `\r\n` is
/// one `Character`, so splitting on the `Character` `\n` would read a CRLF
/// file as a single line. `\n`, `\r\n` and a lone `\r` each end a line.
///
/// This is the one line reader of the package's line-oriented text files: the
/// dictionary parser, the data-file loaders and `dict lint` (in
/// MedExtractTesting) all read through it, so they agree on line numbers.
package struct TSVReader {
    /// One data line: its 1-based line number, its text (without the line
    /// end) and its tab-separated fields.
    package struct Row {
        /// The 1-based line number.
        package var line: Int
        /// The fields, split at every tab (empty fields kept).
        package var fields: [Substring]
        /// The whole line without its line end.
        package var text: Substring
    }

    /// Splits `contents` into rows of fields, skipping blank and `#` lines.
    ///
    /// Scans UTF-8 bytes: every byte the format gives meaning to (`\n`,
    /// `\r`, tab, space, `#`) is ASCII and so never part of a longer
    /// scalar; the fields are the same scalar-aligned slices a scan of
    /// scalars gives.
    package static func rows(_ contents: String) -> [Row] {
        var rows: [Row] = []
        let text = Substring(contents)
        let utf8 = text.utf8
        var start = utf8.startIndex
        // A leading byte-order mark (EF BB BF) is not part of the first line.
        if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { start = utf8.index(start, offsetBy: 3) }
        var lineNumber = 0
        func emit(_ lower: Substring.Index, _ upper: Substring.Index) {
            lineNumber += 1
            let bytes = utf8[lower ..< upper]
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) || bytes.first == 0x23 { return }
            var fields: [Substring] = []
            var fieldStart = lower
            var i = lower
            while i < upper {
                if utf8[i] == 0x09 {
                    fields.append(text[fieldStart ..< i])
                    fieldStart = utf8.index(after: i)
                }
                utf8.formIndex(after: &i)
            }
            fields.append(text[fieldStart ..< upper])
            rows.append(Row(line: lineNumber, fields: fields, text: text[lower ..< upper]))
        }
        var lineStart = start
        var index = start
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else {
                utf8.formIndex(after: &index)
                continue
            }
            emit(lineStart, index)
            utf8.formIndex(after: &index)
            if byte == 0x0D, index < utf8.endIndex, utf8[index] == 0x0A { utf8.formIndex(after: &index) }
            lineStart = index
        }
        if lineStart < utf8.endIndex { emit(lineStart, utf8.endIndex) }
        return rows
    }
}
