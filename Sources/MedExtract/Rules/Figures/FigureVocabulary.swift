/// The word lists of the FIGURE rules, read from `figure_words.tsv` (format
/// documented at the top of that file and in the Dictionaries README): bound
/// words, time-of-day words, the hours of compound-duration units, lunar
/// month words and a few character sets that block a reading.
struct FigureVocabulary: Sendable {
    /// Bound words before and after a figure.
    let bounds: FigureBounds
    /// Words that make `N点` / `N时` a clock time (`上午`, `晚上`).
    let timeOfDayWords: [[UInt16]]
    /// The length in hours of the duration and age units that combine into
    /// compound durations (`3小时40分钟`), by canonical unit.
    let durationHours: [String: Double]
    /// Characters after `时` that make it part of a word (`时间`, `时候`).
    let shiWordEnds: Set<UInt16>
    /// Characters after a bare year that make it an ordinal or a code (`2024级`).
    let bareYearBlockers: Set<UInt16>
    /// Units that make a year-like number an ordinal (`2023届`, `2024级`).
    let yearOrdinals: Set<UInt16>
    /// Characters right before a number that make it an ordinal or vague (`第`, `初`).
    let ordinalBefore: Set<UInt16>
    /// Words after which a Chinese day number is a lunar date (`腊月`, `大年`).
    let lunarMonths: [[UInt16]]

    /// The name of the data file among the built-in resources.
    static let resourceName = "figure_words.tsv"

    /// The character sets the file must define.
    static let characterSetNames = ["more-blockers", "shi-word-ends", "bare-year-blockers", "year-ordinals", "ordinal-before"]

    /// Parses the data file's contents; `path` names it in errors.
    /// - Throws: ``MedExtractError/malformedDictionaryLine(path:line:reason:)``
    ///   for an unknown list, a missing field, an unknown qualifier or a bad
    ///   number, and when a required character set is missing.
    init(contents: String, path: String) throws(MedExtractError) {
        var prefixes: [FigureBounds.Bound] = []
        var suffixes: [FigureBounds.Bound] = []
        var timeOfDay: [[UInt16]] = []
        var hours: [String: Double] = [:]
        var sets: [String: Set<UInt16>] = [:]
        var lunar: [[UInt16]] = []
        var lastLine = 0
        for row in TSVReader.rows(contents) {
            lastLine = row.line
            let fields = row.fields.map { String($0) }
            func field(_ index: Int, _ what: String) throws(MedExtractError) -> String {
                guard index < fields.count, !fields[index].isEmpty else {
                    throw .malformedDictionaryLine(path: path, line: row.line, reason: "missing \(what)")
                }
                return fields[index]
            }
            let list = fields[0]
            switch list {
            case "prefix", "suffix":
                let word = try field(1, "word")
                let name = try field(2, "qualifier")
                guard let qualifier = FigureQualifier(rawValue: name) else {
                    throw .malformedDictionaryLine(path: path, line: row.line, reason: "unknown qualifier '\(name)'")
                }
                let blockers = fields.count > 3 ? Set(fields[3].utf16) : []
                let bound = FigureBounds.Bound(units: Array(word.utf16), qualifier: qualifier, blockers: blockers)
                if list == "prefix" { prefixes.append(bound) } else { suffixes.append(bound) }
            case "time-of-day":
                timeOfDay.append(Array(try field(1, "word").utf16))
            case "lunar-month":
                lunar.append(Array(try field(1, "word").utf16))
            case "hours":
                let unit = try field(1, "unit")
                let text = try field(2, "hours")
                guard let value = Double(text), value > 0 else {
                    throw .malformedDictionaryLine(path: path, line: row.line, reason: "bad number of hours '\(text)'")
                }
                hours[unit] = value
            case "chars":
                let name = try field(1, "set name")
                guard Self.characterSetNames.contains(name) else {
                    throw .malformedDictionaryLine(path: path, line: row.line, reason: "unknown character set '\(name)'")
                }
                sets[name, default: []].formUnion(try field(2, "characters").utf16)
            default:
                throw .malformedDictionaryLine(path: path, line: row.line, reason: "unknown list '\(list)'")
            }
        }
        for name in Self.characterSetNames where sets[name] == nil {
            throw .malformedDictionaryLine(path: path, line: lastLine, reason: "character set '\(name)' is not defined")
        }
        // Longest first; equal lengths keep file order.
        func longestFirst(_ bounds: [FigureBounds.Bound]) -> [FigureBounds.Bound] {
            bounds.enumerated().sorted { a, b in
                a.element.units.count != b.element.units.count ? a.element.units.count > b.element.units.count : a.offset < b.offset
            }.map(\.element)
        }
        bounds = FigureBounds(prefixes: longestFirst(prefixes), suffixes: longestFirst(suffixes),
                              moreBlockers: sets["more-blockers"] ?? [])
        timeOfDayWords = timeOfDay
        durationHours = hours
        shiWordEnds = sets["shi-word-ends"] ?? []
        bareYearBlockers = sets["bare-year-blockers"] ?? []
        yearOrdinals = sets["year-ordinals"] ?? []
        ordinalBefore = sets["ordinal-before"] ?? []
        lunarMonths = lunar
    }

    /// Loads the built-in data file.
    /// - Throws: ``MedExtractError`` when the file is missing or malformed.
    static func builtin() throws(MedExtractError) -> FigureVocabulary {
        try FigureVocabulary(contents: try BuiltinResources.contents(of: resourceName), path: resourceName)
    }
}
