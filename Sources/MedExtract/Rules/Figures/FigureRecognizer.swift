/// Finds FIGURE entities: numbers with what they count or measure
/// (`260余名`, `10毫升`, `70%`, `三十余年`, `71岁`, `6月22日`, `22点`, `5万元`).
///
/// Rules, following ANNOTATION.md (FIGURE and its borderline decisions):
/// - a figure is a number (Arabic, Chinese or mixed, see ``ChineseNumeral``)
///   with a unit or classifier from `figure_units.tsv`, or a date or clock
///   time; a bare number is not a figure, except a year before a word
///   (`2023国际…论坛`) and a number with 万/亿 (`700多万`);
/// - the span includes the bounds `近 约 超 超过 逾 不到 不足 将近 大约` before
///   and `余 多 左右 以上 以下 以内 上下` after (or between number and unit),
///   which set ``Figure/qualifier``; `内 来 前 后 共 仅 连续` stay outside;
/// - a lone `一` is a figure only with units that make it a quantity
///   (`一天`, `一次`), not as an article (`一位`, `一场`);
/// - ordinals (`第5天`, `初一`), numbers inside Latin codes (`T4N3M0`, `5G`),
///   month.day event names (`5.12汶川地震`) and words listed as `ignore` in the
///   data file (`三五成群`, `一次性`, `十四五`) are not figures.
///
/// Values: ``Figure/value`` is the number with magnitudes applied (`1.5万台`
/// → 15000, unit `台`), `high` the upper end of a range (`50-70℃`) or the
/// second reading of a pair (`120/80mmHg`); `半` adds 0.5 (`四个半小时` → 4.5);
/// a compound duration is in its first unit (`3小时40分钟` → 3.667 小时).
/// Dates have value = the year when one is written, else nil, and unit = the
/// precision (`年`, `年度`, `年代`, `月`, `日`); clock times have value = hours
/// as written (`9:55` → 9.9167) and unit `时`.
///
/// Candidates come with ``CandidatePriority/rule``; longer dictionary spans
/// (a hospital named `…第七医学中心`) win in the resolver.
struct FigureRecognizer: Recognizer {
    /// The unit lexicon and the word lists, shared with every document's scanner.
    let tables: FigureTables
    /// The unit lexicon.
    var units: FigureUnits { tables.units }
    /// The word lists.
    var words: FigureVocabulary { tables.words }

    /// Creates the recogniser, loading and compiling `figure_units.tsv` and
    /// `figure_words.tsv`.
    /// - Throws: ``MedExtractError`` when a data file is missing or malformed.
    public init() throws(MedExtractError) {
        tables = FigureTables(units: try FigureUnits.builtin(), words: try FigureVocabulary.builtin())
    }

    /// Creates the recogniser from the contents of a units file in the
    /// `figure_units.tsv` format (`path` names it in errors) and the built-in
    /// `figure_words.tsv`.
    /// - Throws: ``MedExtractError/malformedDictionaryLine(path:line:reason:)``.
    public init(unitsFile contents: String, path: String) throws(MedExtractError) {
        tables = FigureTables(units: try FigureUnits(contents: contents, path: path), words: try FigureVocabulary.builtin())
    }

    /// Appends a candidate for every figure in the context's text.
    public func recognize(_ context: RecognitionContext, into candidates: inout [Candidate]) {
        forEachFigure(in: context.units) { found in
            candidates.append(Candidate(
                start: found.start, end: found.end, label: .entity(.figure),
                attributes: EntityAttributes(figure: found.figure, source: "rule"),
                priority: CandidatePriority.rule
            ))
        }
    }

    /// The figures in normalised code units, in text order.
    func figures(in units: [UInt16]) -> [FigureScanner.Found] {
        var result: [FigureScanner.Found] = []
        forEachFigure(in: units) { result.append($0) }
        return result
    }

    /// Calls `body` for every figure in `units`, in text order, as the scan
    /// finds it (no array of them in between).
    private func forEachFigure(in units: [UInt16], _ body: (FigureScanner.Found) -> Void) {
        units.withUnsafeBufferPointer { buffer in
            FigureScanner(r: CodeUnitReader(buffer: buffer), tables: tables).scan(body)
        }
    }
}

/// The figure recogniser's vocabulary in one shared object: a document's
/// scanner retains this one reference, not each of its tables' storages
/// (which two jobs would count up and down from both cores).
final class FigureTables: Sendable {
    /// The unit lexicon.
    let units: FigureUnits
    /// The word lists.
    let words: FigureVocabulary

    init(units: FigureUnits, words: FigureVocabulary) {
        self.units = units
        self.words = words
    }
}
