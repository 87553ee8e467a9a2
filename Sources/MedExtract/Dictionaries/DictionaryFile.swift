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
        let normalizer = TextNormalizer()
        for row in TSVReader.rows(contents) {
            let fields = row.fields
            func fail(_ reason: String) -> MedExtractError {
                .malformedDictionaryLine(path: path, line: row.line, reason: reason)
            }
            guard fields.count >= 2, fields.count <= 4 else {
                throw fail("expected 2 to 4 tab-separated columns (surface, label, canonical, code), found \(fields.count)")
            }
            let rawSurface = fields[0].trimmingSpaces
            guard !rawSurface.isEmpty else { throw fail("empty surface") }
            let surface = Self.isPlain(rawSurface) ? String(rawSurface) : normalizer.normalize(String(rawSurface)).string
            guard !surface.isEmpty else { throw fail("surface '\(rawSurface)' is only whitespace or invisible characters") }
            guard !surface.unicodeScalars.contains(where: { $0 == " " || $0 == "\n" }) else {
                throw fail("surface '\(rawSurface)' contains whitespace")
            }
            guard let label = DictionaryLabel(name: fields[1].trimmingSpaces) else {
                throw fail("unknown label '\(fields[1])' (expected HOSPITAL, DEPARTMENT, PROCEDURE or IGNORE)")
            }
            if case .entity(.figure) = label {
                throw fail("FIGURE entries are not supported in entity dictionaries (figures come from the number rules)")
            }
            let canonical = fields.count > 2 ? fields[2].trimmingSpaces : ""
            let code = fields.count > 3 ? fields[3].trimmingSpaces : ""
            entries.append(DictionaryEntry(
                surface: surface, label: label,
                canonical: canonical.isEmpty ? nil : String(canonical),
                code: code.isEmpty ? nil : String(code),
                origin: "\(path):\(row.line)"
            ))
        }
        return entries
    }
}

extension DictionaryFile {
    /// Whether `surface` holds only CJK unified ideographs and printable ASCII
    /// other than space: text the normaliser leaves as it is (a test checks
    /// this over every built-in entry), so the common case skips it.
    static func isPlain(_ surface: Substring) -> Bool {
        surface.utf8.withContiguousStorageIfAvailable { bytes in
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
        } ?? false
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
