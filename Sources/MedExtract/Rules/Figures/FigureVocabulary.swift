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
    /// Words after which a Chinese day number is a lunar date (`腊月`, `大年`), with the lunar month.
    let lunarMonths: [(word: [UInt16], month: Double)]
    /// Month words before an Arabic day (`元月9日`), with the month.
    let namedMonths: [(word: [UInt16], month: Double)]
    /// Words that make a following measure or percent negative (`负`, `零下`, `-`), longest first.
    let signs: [[UInt16]]
    /// Characters before a bare magnitude that make an approximate numeral (`数十`), with the qualifier.
    let vague: [UInt16: FigureQualifier]
    /// Labels after which a number is not a figure; `true` when only `label:` counts.
    let labels: [(word: [UInt16], colonOnly: Bool)]
    /// The last code unit of every label, one bit each (8 KB): a number after
    /// any other unit follows no label, without trying them all. Nil when a
    /// label is empty (it would end anywhere).
    let labelEnds: [UInt64]?
    /// Words right after a number or its unit that make it a page counter.
    let counters: [[UInt16]]
    /// The counters' first units, and those of the two-unit lunar months:
    /// a position whose unit the filter does not contain is compared with
    /// no word of the list.
    let counterStarts: UnitFilter
    let lunarMonthStarts: UnitFilter
    /// Words after which `MM-DD` is a date.
    let dateLabels: [[UInt16]]
    /// Currency symbols before a number, with the canonical unit.
    let currencies: [UInt16: String]

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
        var lunar: [(word: [UInt16], month: Double)] = []
        var signs: [[UInt16]] = []
        var named: [(word: [UInt16], month: Double)] = []
        var vague: [UInt16: FigureQualifier] = [:]
        var labels: [(word: [UInt16], colonOnly: Bool)] = []
        var counters: [[UInt16]] = []
        var dateLabels: [[UInt16]] = []
        var currencies: [UInt16: String] = [:]
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
            case "lunar-month", "named-month":
                let word = Array(try field(1, "word").utf16)
                let text = try field(2, "month")
                guard let month = Double(text), (1 ... 12).contains(month) else {
                    throw .malformedDictionaryLine(path: path, line: row.line, reason: "bad lunar month '\(text)'")
                }
                if list == "lunar-month" { lunar.append((word, month)) } else { named.append((word, month)) }
            case "sign":
                signs.append(Array(try field(1, "word").utf16))
            case "counter":
                counters.append(Array(try field(1, "word").utf16))
            case "date-label":
                dateLabels.append(Array(try field(1, "word").utf16))
            case "vague", "currency":
                let entry = Array(try field(1, "character").utf16)
                let value = try field(2, list == "vague" ? "qualifier" : "unit")
                guard entry.count == 1 else {
                    throw .malformedDictionaryLine(path: path, line: row.line, reason: "expected one character")
                }
                if list == "currency" {
                    currencies[entry[0]] = value
                } else {
                    guard let qualifier = FigureQualifier(rawValue: value) else {
                        throw .malformedDictionaryLine(path: path, line: row.line, reason: "unknown qualifier '\(value)'")
                    }
                    vague[entry[0]] = qualifier
                }
            case "label":
                let word = Array(try field(1, "word").utf16)
                let mode = try field(2, "mode")
                guard mode == "any" || mode == "colon" else {
                    throw .malformedDictionaryLine(path: path, line: row.line, reason: "label mode must be any or colon, not '\(mode)'")
                }
                labels.append((word, mode == "colon"))
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
        namedMonths = named
        self.signs = signs.sorted { $0.count > $1.count }
        self.vague = vague
        self.labels = labels.sorted { $0.word.count > $1.word.count }
        var ends = [UInt64](repeating: 0, count: 65536 / 64)
        for label in labels { if let last = label.word.last { ends[Int(last) >> 6] |= 1 << UInt64(last & 63) } }
        self.labelEnds = labels.contains(where: { $0.word.isEmpty }) ? nil : ends
        self.counters = counters
        counterStarts = UnitFilter(counters.map(\.first))
        lunarMonthStarts = UnitFilter(lunar.filter { $0.word.count == 2 }.map(\.word.first))
        self.dateLabels = dateLabels.sorted { $0.count > $1.count }
        self.currencies = currencies
    }

    /// Loads the built-in data file.
    /// - Throws: ``MedExtractError`` when the file is missing or malformed.
    static func builtin() throws(MedExtractError) -> FigureVocabulary {
        try FigureVocabulary(contents: try BuiltinResources.contents(of: resourceName), path: resourceName)
    }
}
