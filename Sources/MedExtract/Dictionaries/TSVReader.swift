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
    /// The fields are the scalar-aligned slices of ``scan(_:_:)``, which
    /// finds the lines.
    package static func rows(_ contents: String) -> [Row] {
        var rows: [Row] = []
        let text = Substring(contents)
        let utf8 = text.utf8
        func index(_ offset: Int) -> Substring.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        var bytes = contents
        bytes.withUTF8 { buffer in
            scan(buffer) { (line: Int, range: Range<Int>, fields: [Range<Int>]) in
                rows.append(Row(line: line, fields: fields.map { text[index($0.lowerBound) ..< index($0.upperBound)] }, text: text[index(range.lowerBound) ..< index(range.upperBound)]))
            }
        }
        return rows
    }

    /// Calls `body(line, text, fields)` for every data line of `bytes`
    /// (UTF-8), with its 1-based line number and the byte ranges of the line
    /// (without its line end) and of its tab-separated fields (empty fields
    /// kept); blank and `#` lines are skipped. `fields` is one buffer reused
    /// from line to line: nothing is allocated per line.
    ///
    /// Every byte the format gives meaning to (`\n`, `\r`, tab, space, `#`)
    /// is ASCII and so never part of a longer scalar: the ranges are
    /// scalar-aligned.
    package static func scan<E: Error>(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ body: (_ line: Int, _ text: Range<Int>, _ fields: [Range<Int>]) throws(E) -> Void
    ) throws(E) {
        var start = 0
        // A leading byte-order mark (EF BB BF) is not part of the first line.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var lineNumber = 0
        var fields: [Range<Int>] = []
        fields.reserveCapacity(8)
        func emit(_ lower: Int, _ upper: Int) throws(E) {
            lineNumber += 1
            guard lower < upper, bytes[lower] != 0x23 else { return }
            var blank = true
            fields.removeAll(keepingCapacity: true)
            var fieldStart = lower
            for i in lower ..< upper {
                let byte = bytes[i]
                if byte == 0x09 {
                    fields.append(fieldStart ..< i)
                    fieldStart = i + 1
                } else if byte != 0x20 {
                    blank = false
                }
            }
            guard !blank else { return }
            fields.append(fieldStart ..< upper)
            try body(lineNumber, lower ..< upper, fields)
        }
        var lineStart = start
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == 0x0A || byte == 0x0D else {
                index += 1
                continue
            }
            try emit(lineStart, index)
            index += 1
            if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
            lineStart = index
        }
        if lineStart < bytes.count { try emit(lineStart, bytes.count) }
    }
}
