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
    package static func rows(_ contents: String) -> [Row] {
        var rows: [Row] = []
        var scalars = Substring(contents).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var lineNumber = 0
        func emit(_ range: Range<Substring.UnicodeScalarView.Index>) {
            lineNumber += 1
            let line = scalars[range]
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.first == "#" { return }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { Substring($0) }
            rows.append(Row(line: lineNumber, fields: fields, text: Substring(line)))
        }
        var lineStart = scalars.startIndex
        var index = lineStart
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard scalar == "\n" || scalar == "\r" else {
                scalars.formIndex(after: &index)
                continue
            }
            emit(lineStart ..< index)
            scalars.formIndex(after: &index)
            if scalar == "\r", index < scalars.endIndex, scalars[index] == "\n" { scalars.formIndex(after: &index) }
            lineStart = index
        }
        if lineStart < scalars.endIndex { emit(lineStart ..< scalars.endIndex) }
        return rows
    }
}
