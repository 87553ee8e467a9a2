/// The entity dictionary file format.
///
/// UTF-8 text, one entry a line, 2 to 4 tab-separated columns:
///
///     surface<TAB>label[<TAB>canonical[<TAB>code]]
///
/// - `surface`: the text to match; no whitespace.
/// - `label`: `HOSPITAL`, `DEPARTMENT`, `PROCEDURE` or `IGNORE` (a span known
///   not to be an entity).
/// - `canonical`: the canonical name (empty: the surface itself).
/// - `code`: a department classification or ICD-9-CM-3 code (optional).
///
/// Lines starting with `#` and blank lines are skipped; a BOM and CRLF line
/// ends are accepted. Surfaces are normalised like input text (full-width
/// forms folded), so `ＣＴ` in a dictionary matches `CT` and `ＣＴ` in text.
public enum DictionaryFile {
    /// Parses the contents of a dictionary file; `path` names it in errors.
    /// - Throws: ``MedExtractError/malformedDictionaryLine(path:line:reason:)``
    ///   for the first malformed line.
    public static func parse(_ contents: String, path: String) throws(MedExtractError) -> [DictionaryEntry] {
        var entries: [DictionaryEntry] = []
        var contents = contents
        var failure: MedExtractError?
        // Over the UTF-8 bytes, one line at a time: a plain field becomes a
        // `String` with one copy (most surfaces are small strings, stored
        // inline), and an entry's origin is its path and line, not a string
        // made for every line.
        contents.withUTF8 { bytes in
            let normalizer = TextNormalizer()
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            do throws(MedExtractError) {
                try TSVReader.scan(bytes) { (line: Int, _: Range<Int>, fields: [Range<Int>]) throws(MedExtractError) in
                    func fail(_ reason: String) -> MedExtractError {
                        .malformedDictionaryLine(path: path, line: line, reason: reason)
                    }
                    guard fields.count >= 2, fields.count <= 4 else {
                        throw fail("expected 2 to 4 tab-separated columns (surface, label, canonical, code), found \(fields.count)")
                    }
                    let rawSurface = trimmingSpaces(fields[0], in: bytes)
                    guard !rawSurface.isEmpty else { throw fail("empty surface") }
                    let surface: String
                    if isPlain(UnsafeBufferPointer(rebasing: bytes[rawSurface])) {
                        surface = text(rawSurface)
                    } else {
                        surface = normalizer.normalize(text(rawSurface)).string
                        guard !surface.isEmpty else { throw fail("surface '\(text(rawSurface))' is only whitespace or invisible characters") }
                        guard !surface.unicodeScalars.contains(where: { $0 == " " || $0 == "\n" }) else {
                            throw fail("surface '\(text(rawSurface))' contains whitespace")
                        }
                    }
                    guard let label = DictionaryLabel(utf8: UnsafeBufferPointer(rebasing: bytes[trimmingSpaces(fields[1], in: bytes)])) else {
                        throw fail("unknown label '\(text(fields[1]))' (expected HOSPITAL, DEPARTMENT, PROCEDURE or IGNORE)")
                    }
                    if case .entity(.figure) = label {
                        throw fail("FIGURE entries are not supported in entity dictionaries (figures come from the number rules)")
                    }
                    let canonical = fields.count > 2 ? trimmingSpaces(fields[2], in: bytes) : 0 ..< 0
                    let code = fields.count > 3 ? trimmingSpaces(fields[3], in: bytes) : 0 ..< 0
                    entries.append(DictionaryEntry(
                        surface: surface, label: label,
                        canonical: canonical.isEmpty ? nil : text(canonical),
                        code: code.isEmpty ? nil : text(code),
                        path: path, line: line
                    ))
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return entries
    }

    /// `range` of `bytes` without leading and trailing ASCII spaces.
    static func trimmingSpaces(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && bytes[lower] == 0x20 { lower += 1 }
        while upper > lower && bytes[upper - 1] == 0x20 { upper -= 1 }
        return lower ..< upper
    }
}

extension DictionaryFile {
    /// Whether `surface` holds only CJK unified ideographs and printable ASCII
    /// other than space: text the normaliser leaves as it is (a test checks
    /// this over every built-in entry), so the common case skips it.
    static func isPlain(_ surface: Substring) -> Bool {
        surface.utf8.withContiguousStorageIfAvailable { isPlain($0) } ?? false
    }

    /// Whether the UTF-8 `bytes` hold only CJK unified ideographs and
    /// printable ASCII other than space (see ``isPlain(_:)-(Substring)``).
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                guard b > 0x20 && b < 0x7F else { return false }
                i += 1
            } else if b & 0xF0 == 0xE0, i + 2 < bytes.count {
                // U+4E00 ... U+9FFF: E4 B8 80 ... E9 BF BF.
                guard b >= 0xE4 && b <= 0xE9, b != 0xE4 || bytes[i + 1] >= 0xB8 else { return false }
                i += 3
            } else {
                return false
            }
        }
        return true
    }
}

extension Substring {
    /// The substring without leading and trailing ASCII spaces.
    var trimmingSpaces: Substring {
        // Over UTF-8 bytes: a space is one byte, so the bounds stay scalar
        // boundaries (and no grapheme breaking runs, as `first`/`last` would).
        let bytes = utf8
        var lower = bytes.startIndex
        var upper = bytes.endIndex
        while lower < upper && bytes[lower] == 0x20 { bytes.formIndex(after: &lower) }
        while upper > lower {
            let before = bytes.index(before: upper)
            guard bytes[before] == 0x20 else { break }
            upper = before
        }
        return self[lower ..< upper]
    }
}
