/// The unit and classifier lexicon of the FIGURE recogniser (`figure_units.tsv`),
/// compiled once into two automata: one for units and classifiers, looked up
/// anchored right after a number, and one for words that contain a numeral
/// but are never figures (idioms, terms), looked up around a number's start.
///
/// Besides the rows of the file, every `个X` duration (`个月`, `个小时`) also
/// matches `个半X` (half more) and `个多X` / `个余X` (more than), and every
/// other duration, age or Chinese measure unit also matches `X半` (`年半`,
/// `岁半`, `吨半`), so that `四个半小时`, `三个多月` and `三年半` are one unit
/// lookup; a Latin unit of two or more letters also matches its upper- and
/// lower-case and capitalised forms (`168CM`, `5ML`, `3Cm`).
struct FigureUnits: Sendable {
    /// Restrictions on the number in front of a unit.
    struct Flags: OptionSet, Sendable, Hashable {
        let rawValue: UInt8
        /// A lone `一` before the unit is a real quantity (`一天`, `一次`), not an article.
        static let one = Flags(rawValue: 1)
        /// The unit only follows Arabic digits (`90分` as a score, `24h`).
        static let arabic = Flags(rawValue: 2)
        /// The unit only follows one Chinese digit from 二 to 九 or 两 (`两大`, `四地`, `六面`).
        static let cjkSmall = Flags(rawValue: 4)
        /// The value is ten times the number (`八旬` → 80 岁, `三成` → 30 %).
        static let tens = Flags(rawValue: 8)
    }

    /// How a synthesised pattern changes the number in front of it.
    enum Modifier: Sendable, Hashable {
        /// The unit as written.
        case none
        /// `个半X`, `X半`: half a unit more.
        case half
        /// `个多X`, `个余X`: more than the value.
        case more
    }

    /// One unit or classifier.
    struct Unit: Sendable, Hashable {
        /// The surface as written in the data file.
        var surface: String
        /// What a number with this unit is.
        var kind: FigureKind
        /// The canonical unit.
        var canonical: String
        /// Restrictions on the number in front.
        var flags: Flags
        /// Whether the surface ends with an ASCII letter or digit (then the text
        /// must not continue with one: `cm` is not found in `cmH2O`).
        var endsWithASCII: Bool
    }

    /// The units, indexed by ``patternUnit``.
    let units: [Unit]
    /// For each unit pattern: the unit it stands for and its modifier.
    let patternUnit: [(unit: Int, modifier: Modifier)]
    /// The unit patterns.
    let unitAutomaton: AhoCorasick
    /// The never-a-figure words.
    let ignoreAutomaton: AhoCorasick
    /// The longest never-a-figure word, in code units.
    let longestIgnore: Int
    /// One bit for every UTF-16 code unit (8 KB), set for the first units
    /// of the never-a-figure words: ``isIgnored(in:at:)`` walks the
    /// automaton only from positions where one can start.
    let ignoreFirstUnits: [UInt64]

    /// The name of the data file among the built-in resources.
    static let resourceName = "figure_units.tsv"

    /// Parses the data file's contents; `path` names it in errors.
    /// - Throws: ``MedExtractError/malformedDictionaryLine(path:line:reason:)``
    ///   for a line without three fields, an unknown kind or an unknown flag.
    init(contents: String, path: String) throws(MedExtractError) {
        var units: [Unit] = []
        var ignores: [String] = []
        for row in TSVReader.rows(contents) {
            guard row.fields.count >= 3 else {
                throw .malformedDictionaryLine(path: path, line: row.line, reason: "expected surface, kind, unit[, flags]")
            }
            let surface = String(row.fields[0])
            let kindName = String(row.fields[1])
            guard !surface.isEmpty else {
                throw .malformedDictionaryLine(path: path, line: row.line, reason: "empty surface")
            }
            if kindName == "ignore" {
                ignores.append(surface)
                continue
            }
            guard let kind = FigureKind(rawValue: kindName) else {
                throw .malformedDictionaryLine(path: path, line: row.line, reason: "unknown kind '\(kindName)'")
            }
            var flags: Flags = []
            if row.fields.count > 3 {
                for name in row.fields[3].split(separator: ",") {
                    switch name.trimmingSpaces {
                    case "one": flags.insert(.one)
                    case "arabic": flags.insert(.arabic)
                    case "cjk-small": flags.insert(.cjkSmall)
                    case "tens": flags.insert(.tens)
                    case "": break
                    default:
                        throw .malformedDictionaryLine(path: path, line: row.line, reason: "unknown flag '\(name)'")
                    }
                }
            }
            let last = surface.utf16.last ?? 0
            units.append(Unit(
                surface: surface, kind: kind, canonical: String(row.fields[2]), flags: flags,
                endsWithASCII: CodeUnitClass.isASCIIAlphanumeric(last)
            ))
        }

        var builder = AhoCorasickBuilder()
        var patternUnit: [(unit: Int, modifier: Modifier)] = []
        func add(_ pattern: String, _ unit: Int, _ modifier: Modifier) {
            builder.add(pattern)
            patternUnit.append((unit, modifier))
        }
        let surfaces = Set(units.map(\.surface))
        var synthesised = surfaces
        for (index, unit) in units.enumerated() {
            add(unit.surface, index, .none)
            // 168CM, 5ML, 3Cm: the upper-case, lower-case and capitalised forms of a Latin unit of two or more letters.
            let letters = unit.surface.unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }.count
            if letters >= 2 {
                let lower = unit.surface.lowercased()
                let capitalised = lower.prefix(1).uppercased() + lower.dropFirst()
                for variant in [unit.surface.uppercased(), lower, capitalised] where !synthesised.contains(variant) {
                    synthesised.insert(variant)
                    add(variant, index, .none)
                }
            }
            // 一吨半, 一斤半: half a Chinese measure unit more.
            if unit.kind == .measure, let first = unit.surface.unicodeScalars.first, first.value >= 0x4E00 {
                let variant = unit.surface + "半"
                if !synthesised.contains(variant) {
                    synthesised.insert(variant)
                    add(variant, index, .half)
                }
            }
            guard unit.kind == .duration || unit.kind == .age else { continue }
            if unit.surface.hasPrefix("个") {
                let rest = unit.surface.dropFirst()
                for (infix, modifier) in [("半", Modifier.half), ("多", .more), ("余", .more)] {
                    let variant = "个" + infix + rest
                    if !surfaces.contains(variant) { add(variant, index, modifier) }
                }
            } else if !CodeUnitClass.isASCIIAlphanumeric(unit.surface.utf16.first ?? 0) {
                let variant = unit.surface + "半"
                if !surfaces.contains(variant) { add(variant, index, .half) }
            }
        }
        var ignoreBuilder = AhoCorasickBuilder()
        for word in ignores { ignoreBuilder.add(word) }

        self.units = units
        self.patternUnit = patternUnit
        self.unitAutomaton = builder.build()
        self.ignoreAutomaton = ignoreBuilder.build()
        self.longestIgnore = ignores.map(\.utf16.count).max() ?? 0
        var firstUnits = [UInt64](repeating: 0, count: 1024)
        for word in ignores { if let u = word.utf16.first { firstUnits[Int(u >> 6)] |= 1 << UInt64(u & 63) } }
        self.ignoreFirstUnits = firstUnits
    }

    /// Loads the built-in data file.
    /// - Throws: ``MedExtractError`` when the file is missing or malformed.
    static func builtin() throws(MedExtractError) -> FigureUnits {
        try FigureUnits(contents: try BuiltinResources.contents(of: resourceName), path: resourceName)
    }

    /// A unit found in the text.
    struct Match {
        /// The unit.
        var unit: Unit
        /// How the pattern modifies the number.
        var modifier: Modifier
        /// Where the unit ends (exclusive).
        var end: Int
    }

    /// The longest unit starting exactly at `start` whose end is a clean
    /// boundary (no ASCII letter or digit right after a Latin unit).
    func unit(in units: UnsafeBufferPointer<UInt16>, at start: Int) -> Match? {
        guard start >= 0, start < units.count else { return nil }
        var best: Match?
        unitAutomaton.forEachPrefixMatch(in: units, from: start) { pattern, end in
            guard pattern < patternUnit.count else { return }
            let (index, modifier) = patternUnit[pattern]
            let unit = self.units[index]
            if modifier == .none, unit.endsWithASCII, end < units.count, CodeUnitClass.isASCIIAlphanumeric(units[end]) { return }
            best = Match(unit: unit, modifier: modifier, end: end)
        }
        return best
    }

    /// Whether a never-a-figure word covers the code unit at `position`
    /// (starts at or before it and ends after it).
    func isIgnored(in units: UnsafeBufferPointer<UInt16>, at position: Int) -> Bool {
        guard longestIgnore > 0, position >= 0, position < units.count else { return false }
        var from = max(0, position - longestIgnore + 1)
        while from <= position {
            let u = units[from]
            guard ignoreFirstUnits[Int(u >> 6)] >> UInt64(u & 63) & 1 != 0 else {
                from += 1
                continue
            }
            var covered = false
            ignoreAutomaton.forEachPrefixMatch(in: units, from: from) { _, end in
                if end > position { covered = true }
            }
            if covered { return true }
            from += 1
        }
        return false
    }
}
