/// The bound words that belong to a figure's span (ANNOTATION.md, "Decisions
/// on borderline cases → FIGURE"): the prefixes `近 约 超 超过 逾 不到 不足
/// 将近 大约` and the suffixes `余 多 左右 以上 以下 以内 上下`. Words such as
/// `内 来 前 后 共 仅 连续` are never part of a figure. The lists are read from
/// `figure_words.tsv` (see ``FigureVocabulary``).
struct FigureBounds: Sendable {
    /// A bound word and the qualifier it gives.
    struct Bound: Sendable {
        /// The word's code units.
        let units: [UInt16]
        /// What it says about the value.
        let qualifier: FigureQualifier
        /// Characters that, right before a one-character prefix, make it part
        /// of another word (`最近`, `预约`); for suffixes, characters right
        /// after it that do the same (`上下班`).
        let blockers: Set<UInt16>
    }

    /// Prefixes, longest first.
    let prefixes: [Bound]
    /// Suffixes written after the unit, longest first. `余` and `多` after a
    /// unit (`1年多`) are handled by the scanner, which also accepts them
    /// between the number and the unit (`260余名`).
    let suffixes: [Bound]
    /// Characters after `多`/`余` that make it the start of another word
    /// (`3年多学科`, `多元`, `余下`) rather than a bound.
    let moreBlockers: Set<UInt16>

    /// The prefixes' last units and the suffixes' first: a position whose
    /// unit neither may contain is compared with no word.
    private let prefixEnds: UnitFilter
    private let suffixStarts: UnitFilter

    /// Bounds read from the vocabulary file (``FigureVocabulary``).
    init(prefixes: [Bound], suffixes: [Bound], moreBlockers: Set<UInt16>) {
        self.prefixes = prefixes
        self.suffixes = suffixes
        self.moreBlockers = moreBlockers
        prefixEnds = UnitFilter(prefixes.map(\.units.last))
        suffixStarts = UnitFilter(suffixes.map(\.units.first))
    }

    /// The prefix ending right before `index`, if any: its start and qualifier.
    func prefix(in r: CodeUnitReader, before index: Int) -> (start: Int, qualifier: FigureQualifier)? {
        guard prefixEnds.mayContain(r[index - 1]) else { return nil }
        for p in prefixes where r.has(p.units, endingAt: index) {
            let start = index - p.units.count
            if !p.blockers.isEmpty, p.blockers.contains(r[start - 1]) { continue }
            return (start, p.qualifier)
        }
        return nil
    }

    /// The suffix starting at `index`, if any: its end and qualifier.
    func suffix(in r: CodeUnitReader, at index: Int) -> (end: Int, qualifier: FigureQualifier)? {
        guard suffixStarts.mayContain(r[index]) else { return nil }
        for s in suffixes where r.has(s.units, at: index) {
            let end = index + s.units.count
            if s.blockers.contains(r[end]) { continue }
            return (end, s.qualifier)
        }
        return nil
    }
}
