import MedExtract

/// What went wrong with one expected or found entity.
public enum FixtureProblem: Sendable, Hashable, CustomStringConvertible {
    /// An expected entity was not found with this span and label.
    case missing(FixtureEntity)
    /// The extractor found an entity the fixture does not mark.
    case unexpected(FixtureEntity)
    /// The span and label match but an attribute the fixture gives differs.
    case wrongAttribute(FixtureEntity, name: String, expected: String, found: String?)

    /// One readable line: `missing [晋城大医院]{HOSPITAL} @0-5`.
    public var description: String {
        switch self {
        case .missing(let entity): "missing    \(entity)"
        case .unexpected(let entity): "unexpected \(entity)"
        case .wrongAttribute(let entity, let name, let expected, let found):
            "wrong \(name) of \(entity): expected '\(expected)', found \(found.map { "'\($0)'" } ?? "none")"
        }
    }
}

/// A sentence that did not yield exactly the entities it should.
public struct FixtureFailure: Sendable, Hashable, CustomStringConvertible {
    /// Where the sentence comes from (`file:line`, or a dictionary entry's origin).
    public var origin: String
    /// The sentence as fixture notation of what was expected.
    public var expected: String
    /// The sentence as fixture notation of what the extractor found.
    public var found: String
    /// Each difference.
    public var problems: [FixtureProblem]

    /// Creates a failure.
    public init(origin: String, expected: String, found: String, problems: [FixtureProblem]) {
        self.origin = origin
        self.expected = expected
        self.found = found
        self.problems = problems
    }

    /// `origin: expected …` then `found …` and one indented line per problem.
    public var description: String {
        var lines = ["\(origin.isEmpty ? "fixture" : origin): expected \(expected)", "    found    \(found)"]
        lines += problems.map { "    \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// Runs fixtures through an extractor and reports every difference.
///
/// ```swift
/// let runner = FixtureRunner(extractor: try MedExtractor())
/// let failures = runner.run(try Fixture.parse("[晋城大医院]{HOSPITAL}开展[2例]{FIGURE|kind=count}手术"))
/// #expect(failures.isEmpty, "\(failures)")
/// ```
public struct FixtureRunner: Sendable {
    /// The extractor under test.
    public var extractor: MedExtractor

    /// Creates a runner for `extractor`.
    public init(extractor: MedExtractor) {
        self.extractor = extractor
    }

    /// The failure of one fixture: empty when the extractor yields exactly the
    /// marked entities (spans and labels) with the attributes the fixture gives.
    public func run(_ fixture: Fixture) -> [FixtureFailure] {
        let found = extractor.extract(from: fixture.text).map(FixtureEntity.init)
        let problems = Self.compare(expected: fixture.expected, found: found)
        guard !problems.isEmpty else { return [] }
        // Show what was found without the attributes that add nothing to read.
        let shown = found.map { entity in
            var entity = entity
            if entity.canonical == entity.text { entity.canonical = nil }
            entity.code = nil
            return entity
        }
        return [FixtureFailure(
            origin: fixture.origin,
            expected: fixture.notation,
            found: Fixture(text: fixture.text, expected: shown).notation,
            problems: problems
        )]
    }

    /// The failures of many fixtures, in order (one per failing fixture).
    public func run(_ fixtures: [Fixture]) -> [FixtureFailure] {
        fixtures.flatMap(run)
    }

    /// The differences between expected and found entities.
    public static func compare(expected: [FixtureEntity], found: [FixtureEntity]) -> [FixtureProblem] {
        struct Key: Hashable {
            var label: EntityLabel
            var offsets: Range<Int>
        }
        var foundByKey: [Key: FixtureEntity] = [:]
        for entity in found { foundByKey[Key(label: entity.label, offsets: entity.scalarOffsets)] = entity }
        var expectedKeys: Set<Key> = []
        var problems: [FixtureProblem] = []
        for entity in expected {
            let key = Key(label: entity.label, offsets: entity.scalarOffsets)
            expectedKeys.insert(key)
            guard let match = foundByKey[key] else {
                problems.append(.missing(entity))
                continue
            }
            if let canonical = entity.canonical, canonical != match.canonical {
                problems.append(.wrongAttribute(entity, name: "canonical", expected: canonical, found: match.canonical))
            }
            if let kind = entity.kind, kind != match.kind {
                problems.append(.wrongAttribute(entity, name: "kind", expected: kind.rawValue, found: match.kind?.rawValue))
            }
            if let code = entity.code, code != match.code {
                problems.append(.wrongAttribute(entity, name: "code", expected: code, found: match.code))
            }
        }
        for entity in found where !expectedKeys.contains(Key(label: entity.label, offsets: entity.scalarOffsets)) {
            problems.append(.unexpected(entity))
        }
        return problems
    }
}
