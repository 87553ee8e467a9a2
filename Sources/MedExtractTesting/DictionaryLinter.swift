import MedExtract

/// The text of one dictionary file and the name it is reported under.
public struct DictionarySource: Sendable, Hashable {
    /// The path (or resource name) used in findings.
    public var path: String
    /// The file's contents.
    public var contents: String

    /// Creates a source.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// One problem the linter found in a dictionary line.
public struct LintFinding: Sendable, Hashable, CustomStringConvertible {
    /// How bad a finding is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// The line is wrong: the extractor rejects it or it contradicts another line.
        case error
        /// The line is legal but suspicious or useless.
        case warning

        /// Errors sort before warnings.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs == .error && rhs == .warning }
    }

    /// What kind of problem it is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The line does not follow the dictionary format (error).
        case malformed
        /// The same surface, label and canonical form appear twice (warning).
        case duplicate
        /// One surface under two labels (error).
        case labelConflict = "label-conflict"
        /// One surface with two canonical forms under the same label (error).
        case canonicalConflict = "canonical-conflict"
        /// The surface as written changes under normalisation: full-width
        /// forms, inner spaces, invisible characters (warning).
        case notNormalized = "not-normalized"
        /// Alone in a neutral sentence the entry does not come out as itself (warning).
        case unreachable
    }

    /// The severity.
    public var severity: Severity
    /// The kind.
    public var kind: Kind
    /// Where: `path:line`.
    public var location: String
    /// What is wrong, readable.
    public var message: String

    /// Creates a finding.
    public init(severity: Severity, kind: Kind, location: String, message: String) {
        self.severity = severity
        self.kind = kind
        self.location = location
        self.message = message
    }

    /// `path:line: error: message [kind]`.
    public var description: String { "\(location): \(severity.rawValue): \(message) [\(kind.rawValue)]" }
}

/// Finds malformed lines, duplicates, conflicts, unnormalised surfaces and
/// unreachable entries in entity dictionaries (the format of ``DictionaryFile``).
///
/// Conflicts are looked for within each file and across all the files
/// linted together, on normalised surfaces (the way the extractor compares them).
public struct DictionaryLinter: Sendable {
    /// The extractor used to find unreachable entries, built with the linted
    /// entries loaded; `nil` skips that check.
    public var extractor: MedExtractor?
    /// The neutral sentence an entry is placed in to see if it comes out as itself.
    public var reachabilityTemplate: String

    /// Creates a linter.
    public init(extractor: MedExtractor? = nil, reachabilityTemplate: String = "据介绍，{X}。") {
        self.extractor = extractor
        self.reachabilityTemplate = reachabilityTemplate
    }

    /// One well-formed or malformed line of a source.
    struct Line {
        var location: String
        var rawSurface: String
        var entry: DictionaryEntry?
        var error: String?
    }

    /// Reads the lines of a source through the library's own line reader
    /// (``TSVReader``, as ``DictionaryFile`` does: BOM, CRLF and lone CR,
    /// `#` comments, blank lines), keeping each line's raw surface.
    static func lines(of source: DictionarySource) -> [Line] {
        var lines: [Line] = []
        for row in TSVReader.rows(source.contents) {
            let number = row.line
            let line = row.text.unicodeScalars
            let text = String(row.text)
            let location = "\(source.path):\(number)"
            let rawSurface = String(line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)[0])
                .trimmingCharacters(" ")
            do {
                let entries = try DictionaryFile.parse(text, path: source.path)
                var entry = entries.first
                entry?.origin = location
                lines.append(Line(location: location, rawSurface: rawSurface, entry: entry))
            } catch {
                let reason: String
                if case .malformedDictionaryLine(_, _, let why) = error { reason = why } else { reason = error.description }
                lines.append(Line(location: location, rawSurface: rawSurface, error: reason))
            }
        }
        return lines
    }

    /// The well-formed entries of the sources, in order, with `path:line` origins.
    public static func entries(in sources: [DictionarySource]) -> [DictionaryEntry] {
        sources.flatMap { lines(of: $0).compactMap(\.entry) }
    }

    /// Every finding in the sources, in file and line order.
    public func lint(_ sources: [DictionarySource]) -> [LintFinding] {
        var findings: [LintFinding] = []
        var firstBySurface: [String: DictionaryEntry] = [:]
        for source in sources {
            for line in Self.lines(of: source) {
                guard let entry = line.entry else {
                    findings.append(LintFinding(severity: .error, kind: .malformed, location: line.location, message: line.error ?? "malformed line"))
                    continue
                }
                if line.rawSurface != entry.surface {
                    findings.append(LintFinding(
                        severity: .warning, kind: .notNormalized, location: line.location,
                        message: "surface '\(Self.visible(line.rawSurface))' normalises to '\(entry.surface)'; write the normalised form"
                    ))
                }
                if let first = firstBySurface[entry.surface] {
                    findings += Self.compare(entry, with: first, at: line.location)
                } else {
                    firstBySurface[entry.surface] = entry
                }
                if let finding = reachability(of: entry, at: line.location) { findings.append(finding) }
            }
        }
        return findings
    }

    static func compare(_ entry: DictionaryEntry, with first: DictionaryEntry, at location: String) -> [LintFinding] {
        if entry.label != first.label {
            return [LintFinding(
                severity: .error, kind: .labelConflict, location: location,
                message: "'\(entry.surface)' is \(entry.label) here but \(first.label) at \(first.origin)"
            )]
        }
        let canonical = entry.canonical ?? entry.surface
        let firstCanonical = first.canonical ?? first.surface
        if canonical != firstCanonical {
            return [LintFinding(
                severity: .error, kind: .canonicalConflict, location: location,
                message: "'\(entry.surface)' has canonical '\(canonical)' here but '\(firstCanonical)' at \(first.origin)"
            )]
        }
        return [LintFinding(
            severity: .warning, kind: .duplicate, location: location,
            message: "'\(entry.surface)' \(entry.label) duplicates \(first.origin)"
        )]
    }

    func reachability(of entry: DictionaryEntry, at location: String) -> LintFinding? {
        guard let extractor, case .entity(let label) = entry.label,
              let (text, span) = DictionaryTemplates.fill(reachabilityTemplate, with: entry.surface) else { return nil }
        let found = extractor.extract(from: text)
        if found.contains(where: { $0.label == label && $0.scalarOffsets == span }) { return nil }
        let got = found.filter { $0.scalarOffsets.overlaps(span) }.map { Fixture.notation(of: FixtureEntity(label: $0.label, scalarOffsets: $0.scalarOffsets, text: $0.text)) }
        return LintFinding(
            severity: .warning, kind: .unreachable, location: location,
            message: "\(entry.label) '\(entry.surface)' never comes out as itself: '\(text)' gives \(got.isEmpty ? "no entity there" : got.joined(separator: " "))"
        )
    }

    /// A surface with invisible and space characters made visible.
    static func visible(_ string: String) -> String {
        var out = ""
        for scalar in string.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .format || scalar.value < 0x20 {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
