import MedExtract

/// Neutral sentences to place a dictionary entry in, per label. `{X}` marks
/// where the entry goes.
///
/// The standard templates put the entry between punctuation or next to
/// function words (`从`, `至`, `了`) and role words the spec says stay outside
/// the span (`主任医师` after a department), so that no rule has a reason to
/// extend it or to cut it.
public struct DictionaryTemplates: Sendable, Hashable {
    /// The placeholder replaced by the entry's surface.
    public static let placeholder = "{X}"

    /// Templates for HOSPITAL entries.
    public var hospital: [String]
    /// Templates for DEPARTMENT entries.
    public var department: [String]
    /// Templates for PROCEDURE entries.
    public var procedure: [String]
    /// Templates for IGNORE entries, which must yield no entity at all.
    public var ignore: [String]

    /// Creates a template set; every template must contain ``placeholder`` once.
    public init(hospital: [String], department: [String], procedure: [String], ignore: [String]) {
        self.hospital = hospital
        self.department = department
        self.procedure = procedure
        self.ignore = ignore
    }

    /// The templates MedExtract's own tests and `medextract dict test` use.
    public static let standard = DictionaryTemplates(
        hospital: ["据介绍，{X}。", "记者近日从{X}获悉。", "患者已转至{X}，目前病情稳定。"],
        department: ["据介绍，{X}。", "记者近日从{X}了解到，", "他是{X}主任医师。"],
        procedure: ["据介绍，{X}。", "医生为患者实施了{X}，效果良好。", "“{X}”成为讨论的重点。"],
        ignore: ["据介绍，{X}。", "记者近日从{X}获悉。"]
    )

    /// The one template filler: the sentence `template` makes with `surface`
    /// in place of the first ``placeholder``, and the surface's span in it as
    /// Unicode-scalar offsets; `nil` when the template has no placeholder.
    static func fill(_ template: String, with surface: String) -> (text: String, span: Range<Int>)? {
        guard let range = template.range(of: placeholder) else { return nil }
        let prefix = template[..<range.lowerBound]
        let start = prefix.unicodeScalars.count
        return (String(prefix) + surface + String(template[range.upperBound...]),
                start ..< start + surface.unicodeScalars.count)
    }

    /// The templates for entries of `label` (none for FIGURE, which dictionaries cannot hold).
    public func templates(for label: DictionaryLabel) -> [String] {
        switch label {
        case .entity(.hospital): hospital
        case .entity(.department): department
        case .entity(.procedure): procedure
        case .entity(.figure): []
        case .ignore: ignore
        }
    }
}

/// Checks that dictionary entries come out of the extractor as themselves.
///
/// Each entry is placed in the neutral sentences of ``DictionaryTemplates``;
/// an entity entry must come out as exactly one entity with its span, label
/// and canonical form, an `IGNORE` entry as no entity.
///
/// ```swift
/// let entries = try DictionaryFile.parse(contents, path: "my.tsv")
/// let extractor = try MedExtractor(configuration: ExtractorConfiguration(userEntries: entries))
/// let failures = DictionaryChecker(extractor: extractor).check(entries)
/// #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
/// ```
public struct DictionaryChecker: Sendable {
    /// The extractor the entries are loaded in.
    public var extractor: MedExtractor
    /// The sentences entries are placed in.
    public var templates: DictionaryTemplates

    /// Creates a checker. The extractor must have been built with the entries
    /// that are checked (built-in or user dictionaries).
    public init(extractor: MedExtractor, templates: DictionaryTemplates = .standard) {
        self.extractor = extractor
        self.templates = templates
    }

    /// The fixtures one entry is checked with: one per template of its label.
    public func fixtures(for entry: DictionaryEntry) -> [Fixture] {
        templates.templates(for: entry.label).compactMap { template -> Fixture? in
            guard let (text, span) = DictionaryTemplates.fill(template, with: entry.surface) else { return nil }
            var expected: [FixtureEntity] = []
            if case .entity(let label) = entry.label {
                expected.append(FixtureEntity(
                    label: label,
                    scalarOffsets: span,
                    text: entry.surface,
                    canonical: entry.canonical ?? entry.surface
                ))
            }
            return Fixture(text: text, expected: expected, origin: entry.origin.isEmpty ? entry.surface : entry.origin)
        }
    }

    /// Every failing sentence of every entry, in entry order.
    public func check(_ entries: [DictionaryEntry]) -> [FixtureFailure] {
        let runner = FixtureRunner(extractor: extractor)
        return entries.flatMap { entry in fixtures(for: entry).flatMap(runner.run) }
    }
}
