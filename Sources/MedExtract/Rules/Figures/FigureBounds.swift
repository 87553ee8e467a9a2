/// The bound words that belong to a figure's span (ANNOTATION.md, "Decisions
/// on borderline cases → FIGURE"): the prefixes `近 约 超 超过 逾 不到 不足
/// 将近 大约` and the suffixes `余 多 左右 以上 以下 以内 上下`. Words such as
/// `内 来 前 后 共 仅 连续` are never part of a figure.
enum FigureBounds {
    /// A bound word and the qualifier it gives.
    struct Bound {
        /// The word's code units.
        let units: [UInt16]
        /// What it says about the value.
        let qualifier: FigureQualifier
        /// Characters that, right before a one-character prefix, make it part
        /// of another word (`最近`, `预约`); for suffixes, characters right
        /// after it that do the same (`上下班`).
        let blockers: Set<UInt16>
    }

    private static func bound(_ word: String, _ qualifier: FigureQualifier, blockedBy blockers: String = "") -> Bound {
        Bound(units: Array(word.utf16), qualifier: qualifier, blockers: Set(blockers.utf16))
    }

    /// Prefixes, longest first.
    static let prefixes: [Bound] = [
        bound("超过", .moreThan),
        bound("不到", .lessThan, blockedBy: "达做找想看听用拿吃睡买等受感说顾料意见猜赶提轮得办"),
        bound("不足", .lessThan, blockedBy: "满"),
        bound("将近", .lessThan),
        bound("大约", .approximately),
        bound("近", .lessThan, blockedBy: "最接附临靠邻亲就贴走逼新将"),
        bound("约", .approximately, blockedBy: "预邀签节制相契公条违履特和婚隐誓租践赴大"),
        bound("超", .moreThan, blockedBy: "高赶卓入出彩Bb"),
        bound("逾", .moreThan),
    ]

    /// Suffixes written after the unit, longest first. `余` and `多` after a
    /// unit (`1年多`) are handled by the scanner, which also accepts them
    /// between the number and the unit (`260余名`).
    static let suffixes: [Bound] = [
        bound("左右", .approximately, blockedBy: "手侧两"),
        bound("以上", .atLeast),
        bound("以下", .atMost),
        bound("以内", .atMost),
        bound("上下", .approximately, blockedBy: "班楼车肢级午文游铺床层半"),
    ]

    /// Characters after `多`/`余` that make it the start of another word
    /// (`3年多学科`, `多元`, `余下`) rather than a bound.
    static let moreBlockers: Set<UInt16> = Set("学部元样方重发维模功中器病措渠领角形彩少数科下生额量热震波款粮温名次个种项家位人年天".utf16)

    /// The prefix ending right before `index`, if any: its start and qualifier.
    static func prefix(in r: CodeUnitReader, before index: Int) -> (start: Int, qualifier: FigureQualifier)? {
        for p in prefixes where r.has(p.units, endingAt: index) {
            let start = index - p.units.count
            if !p.blockers.isEmpty, p.blockers.contains(r[start - 1]) { continue }
            return (start, p.qualifier)
        }
        return nil
    }

    /// The suffix starting at `index`, if any: its end and qualifier.
    static func suffix(in r: CodeUnitReader, at index: Int) -> (end: Int, qualifier: FigureQualifier)? {
        for s in suffixes where r.has(s.units, at: index) {
            let end = index + s.units.count
            if s.blockers.contains(r[end]) { continue }
            return (end, s.qualifier)
        }
        return nil
    }
}
