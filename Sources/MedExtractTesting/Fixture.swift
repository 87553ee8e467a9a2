import MedExtract

/// One test sentence with the entities it must yield, written inline:
///
///     [晋城大医院]{HOSPITAL}[呼吸与危重症医学科]{DEPARTMENT}成功开展[2例]{FIGURE|kind=count}手术。
///
/// - `[text]{LABEL}` marks an entity; the brackets and the braces are not part
///   of the sentence. `LABEL` is `HOSPITAL`, `DEPARTMENT`, `PROCEDURE` or
///   `FIGURE` (case-insensitive).
/// - Attributes follow the label, separated by `|`: `canonical=…`,
///   `kind=count` (a ``FigureKind``), `code=…`. Attributes that are given are
///   compared; attributes that are left out are not checked.
/// - Every entity the extractor finds must be marked and every marked entity
///   must be found, with the same span and label. A sentence without brackets
///   must yield no entity at all.
/// - `\` escapes the next character: `\[`, `\]`, `\{`, `\}`, `\|`, `\\`, `\#`;
///   `\n` and `\t` stand for a line break and a tab (to test names broken
///   across lines: `[宣武医\n院]{HOSPITAL}`).
///
/// A fixture file holds one sentence a line; blank lines and lines whose
/// first non-space character is `#` are skipped.
public struct Fixture: Sendable, Hashable {
    /// The sentence, without the markup.
    public var text: String
    /// The entities the sentence must yield, in order of position.
    public var expected: [FixtureEntity]
    /// Where the fixture was written (`file:line`), for failure messages; may be empty.
    public var origin: String

    /// Creates a fixture from a sentence and its expected entities.
    public init(text: String, expected: [FixtureEntity], origin: String = "") {
        self.text = text
        self.expected = expected
        self.origin = origin
    }

    /// Parses one fixture line.
    /// - Parameter origin: names the line in errors and failures (`file:line`).
    /// - Throws: ``FixtureParseError`` naming the column of the problem.
    public static func parse(_ line: some StringProtocol, origin: String = "") throws(FixtureParseError) -> Fixture {
        var parser = FixtureLineParser(scalars: Array(String(line).unicodeScalars), origin: origin)
        return try parser.parse()
    }

    /// Parses a fixture file: one sentence a line, `#` comments and blank
    /// lines skipped. `path` names the file in origins and errors.
    /// - Throws: ``FixtureParseError`` for the first malformed line.
    public static func parseFile(_ contents: String, path: String) throws(FixtureParseError) -> [Fixture] {
        var fixtures: [Fixture] = []
        var lineNumber = 0
        for rawLine in contents.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            if lineNumber == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            fixtures.append(try parse(String(line), origin: "\(path):\(lineNumber)"))
        }
        return fixtures
    }

    /// The fixture written back in fixture notation (markup and escapes).
    public var notation: String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var position = 0
        for entity in expected.sorted(by: { $0.scalarOffsets.lowerBound < $1.scalarOffsets.lowerBound }) {
            guard entity.scalarOffsets.lowerBound >= position, entity.scalarOffsets.upperBound <= scalars.count else { continue }
            out += Self.escaped(scalars[position ..< entity.scalarOffsets.lowerBound])
            out += Self.notation(of: entity)
            position = entity.scalarOffsets.upperBound
        }
        out += Self.escaped(scalars[min(position, scalars.count)...])
        return out
    }

    /// One entity in fixture notation: `[text]{LABEL|canonical=…|kind=…|code=…}`.
    public static func notation(of entity: FixtureEntity) -> String {
        var attributes = [entity.label.rawValue]
        if let canonical = entity.canonical { attributes.append("canonical=" + escaped(canonical.unicodeScalars[...])) }
        if let kind = entity.kind { attributes.append("kind=" + kind.rawValue) }
        if let code = entity.code { attributes.append("code=" + escaped(code.unicodeScalars[...])) }
        return "[" + escaped(entity.text.unicodeScalars[...]) + "]{" + attributes.joined(separator: "|") + "}"
    }

    static func escaped<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> String {
        var out = ""
        for scalar in scalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "[", "]", "{", "}", "|", "\\": out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A fixture line that does not follow the fixture format.
public struct FixtureParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line's origin (`file:line`), possibly empty.
    public var origin: String
    /// The 1-based column (in Unicode scalars) where the problem is.
    public var column: Int
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(origin: String, column: Int, reason: String) {
        self.origin = origin
        self.column = column
        self.reason = reason
    }

    /// `origin:column: reason`.
    public var description: String {
        origin.isEmpty ? "column \(column): \(reason)" : "\(origin):\(column): \(reason)"
    }
}

/// Parses one line of fixture notation.
struct FixtureLineParser {
    let scalars: [Unicode.Scalar]
    let origin: String
    var index = 0
    var text = String.UnicodeScalarView()
    var count = 0
    var entities: [FixtureEntity] = []

    init(scalars: [Unicode.Scalar], origin: String) {
        self.scalars = scalars
        self.origin = origin
    }

    func fail(_ reason: String, at position: Int? = nil) -> FixtureParseError {
        FixtureParseError(origin: origin, column: (position ?? index) + 1, reason: reason)
    }

    /// The next character, resolving an escape; `escaped` tells whether it was.
    mutating func next() throws(FixtureParseError) -> (scalar: Unicode.Scalar, escaped: Bool)? {
        guard index < scalars.count else { return nil }
        let scalar = scalars[index]
        index += 1
        guard scalar == "\\" else { return (scalar, false) }
        guard index < scalars.count else { throw fail("a line cannot end with an escaping backslash", at: index - 1) }
        let escapedScalar = scalars[index]
        index += 1
        switch escapedScalar {
        case "n": return ("\n", true)
        case "t": return ("\t", true)
        default: return (escapedScalar, true)
        }
    }

    mutating func parse() throws(FixtureParseError) -> Fixture {
        while let (scalar, escaped) = try next() {
            if escaped {
                append(scalar)
                continue
            }
            switch scalar {
            case "[":
                try parseEntity(openedAt: index - 1)
            case "]", "{", "}":
                throw fail("unexpected '\(scalar)' outside an entity (write \\\(scalar) for the character itself)", at: index - 1)
            default:
                append(scalar)
            }
        }
        return Fixture(text: String(text), expected: entities, origin: origin)
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        text.append(scalar)
        count += 1
    }

    mutating func parseEntity(openedAt opening: Int) throws(FixtureParseError) {
        let start = count
        var surface = String.UnicodeScalarView()
        while true {
            guard let (scalar, escaped) = try next() else { throw fail("'[' is never closed by ']'", at: opening) }
            if !escaped && scalar == "]" { break }
            if !escaped && (scalar == "[" || scalar == "{" || scalar == "}") {
                throw fail("unexpected '\(scalar)' inside an entity (entities do not nest)", at: index - 1)
            }
            surface.append(scalar)
            append(scalar)
        }
        guard count > start else { throw fail("empty entity '[]'", at: opening) }
        guard index < scalars.count, scalars[index] == "{" else {
            throw fail("an entity '[…]' must be followed by '{LABEL}'", at: index)
        }
        let braceAt = index
        index += 1
        var fields: [String] = [""]
        while true {
            guard let (scalar, escaped) = try next() else { throw fail("'{' is never closed by '}'", at: braceAt) }
            if !escaped && scalar == "}" { break }
            if !escaped && scalar == "|" {
                fields.append("")
            } else {
                fields[fields.count - 1].unicodeScalars.append(scalar)
            }
        }
        let labelName = fields[0].trimmingCharacters(" ")
        guard let label = EntityLabel(name: labelName) else {
            throw fail("unknown label '\(labelName)' (expected HOSPITAL, DEPARTMENT, PROCEDURE or FIGURE)", at: braceAt + 1)
        }
        var entity = FixtureEntity(label: label, scalarOffsets: start ..< count, text: String(surface))
        for field in fields.dropFirst() {
            guard let equals = field.firstIndex(of: "=") else {
                throw fail("attribute '\(field)' must be written key=value", at: braceAt + 1)
            }
            let key = String(field[..<equals]).trimmingCharacters(" ")
            let value = String(field[field.index(after: equals)...])
            switch key {
            case "canonical":
                entity.canonical = value
            case "code":
                entity.code = value
            case "kind":
                guard let kind = FigureKind(rawValue: value.trimmingCharacters(" ")) else {
                    let kinds = FigureKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw fail("unknown figure kind '\(value)' (expected one of \(kinds))", at: braceAt + 1)
                }
                guard label == .figure else { throw fail("kind= applies to FIGURE entities only", at: braceAt + 1) }
                entity.kind = kind
            default:
                throw fail("unknown attribute '\(key)' (expected canonical, kind or code)", at: braceAt + 1)
            }
        }
        entities.append(entity)
    }
}

extension String {
    /// The string without leading and trailing occurrences of `character`.
    func trimmingCharacters(_ character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s = s.dropFirst() }
        while s.last == character { s = s.dropLast() }
        return String(s)
    }
}
