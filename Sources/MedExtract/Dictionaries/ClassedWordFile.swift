/// The two-column word files the rules and the linker read
/// (`rule_lexicon.tsv`, `link_words.tsv`): `word<TAB>class`, the class one
/// of `Class`'s raw values; comments, BOM and CRLF as in dictionaries.
enum ClassedWordFile {
    /// The rows of `contents` as (word, class) pairs, in file order; `path`
    /// names the file in errors, `wordColumn` the first column (`surface`,
    /// `word`), and `expectedClasses`, when given, lists the classes in the
    /// message for an unknown one.
    static func parse<Class: RawRepresentable>(
        _ contents: String, path: String, wordColumn: String, expectedClasses: String? = nil
    ) throws(MedExtractError) -> [(word: String, wordClass: Class)] where Class.RawValue == String {
        var pairs: [(word: String, wordClass: Class)] = []
        for row in TSVReader.rows(contents) {
            guard row.fields.count == 2 else {
                throw .malformedDictionaryLine(path: path, line: row.line, reason: "expected 2 tab-separated columns (\(wordColumn), class), found \(row.fields.count)")
            }
            let word = row.fields[0].trimmingSpaces
            guard !word.isEmpty else { throw .malformedDictionaryLine(path: path, line: row.line, reason: "empty \(wordColumn)") }
            guard let wordClass = Class(rawValue: String(row.fields[1].trimmingSpaces)) else {
                let expected = expectedClasses.map { " (expected \($0))" } ?? ""
                throw .malformedDictionaryLine(path: path, line: row.line, reason: "unknown class '\(row.fields[1])'\(expected)")
            }
            pairs.append((String(word), wordClass))
        }
        return pairs
    }
}
