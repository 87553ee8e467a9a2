import Testing
@_spi(Benchmarks) @_spi(Tooling) @testable import MedExtract

/// The per-label boundary mechanism of ``DictionaryRecognizer`` and the rule
/// classes behind the built-in boundary rules.
struct BoundaryRuleTests {
    /// Rejects every span of its label that ends right before `next`.
    struct RejectBefore: BoundaryRule {
        var label: EntityLabel
        var next: UInt16
        func rejects(start: Int, end: Int, in context: RecognitionContext) -> Bool {
            end < context.units.count && context.units[end] == next
        }
    }

    private func candidates(_ text: String, rules: [any BoundaryRule], ruleWords: [(surface: String, ruleClass: RuleClass)] = []) throws -> [Candidate] {
        let lexicon = Lexicon(
            builtin: [DictionaryEntry(surface: "骨科", label: .entity(.department)), DictionaryEntry(surface: "活检", label: .entity(.procedure))],
            user: [], places: [], ruleWords: ruleWords)
        let normalized = TextNormalizer().normalize(text)
        let matches = normalized.units.withUnsafeBufferPointer { lexicon.matches(in: $0) }
        let context = RecognitionContext(text: normalized, matches: matches, lexicon: lexicon, segmenter: try WordSegmenter())
        var found: [Candidate] = []
        DictionaryRecognizer(boundaryRules: rules).recognize(context, into: &found)
        return found
    }

    @Test func withoutRulesEveryMatchIsACandidate() throws {
        let found = try candidates("骨科活检针", rules: [])
        #expect(found.map(\.label) == [.entity(.department), .entity(.procedure)])
    }

    @Test func aRuleOnlyChecksItsOwnLabel() throws {
        let needle = "针".utf16.first ?? 0
        let found = try candidates("骨科活检针", rules: [RejectBefore(label: .procedure, next: needle), RejectBefore(label: .hospital, next: needle)])
        #expect(found.map(\.label) == [.entity(.department)])
        let kept = try candidates("骨科活检术", rules: [RejectBefore(label: .procedure, next: needle)])
        #expect(kept.count == 2)
    }

    @Test func departmentBoundaryReadsItsContinuationWordsFromTheLexicon() throws {
        let words: [(surface: String, ruleClass: RuleClass)] = [("科学", .departmentContinuation), ("科学科", .departmentBoundary)]
        #expect(try candidates("骨科学", rules: [DepartmentBoundary()], ruleWords: words).isEmpty == true)
        #expect(try candidates("骨科学科", rules: [DepartmentBoundary()], ruleWords: words).count == 1)
        // Without the class entries nothing continues the word.
        #expect(try candidates("骨科学", rules: [DepartmentBoundary()]).count == 1)
    }

    @Test func procedureBoundaryReadsItsContinuationCharactersFromTheLexicon() throws {
        let words: [(surface: String, ruleClass: RuleClass)] = [("针", .procedureContinuation)]
        let found = try candidates("活检针", rules: [ProcedureBoundary()], ruleWords: words)
        #expect(found.isEmpty)
        #expect(try candidates("活检术", rules: [ProcedureBoundary()], ruleWords: words).count == 1)
    }

    @Test func builtInExtractorAppliesTheBoundaryRulesInBothModes() throws {
        for useRules in [true, false] {
            let extractor = try MedExtractor(configuration: ExtractorConfiguration(useRules: useRules))
            #expect(!extractor.extract(from: "他多年研究骨科学。").contains { $0.label == .department })
            #expect(extractor.extract(from: "他在骨科工作。").contains { $0.text == "骨科" })
        }
    }

    @Test func ruleClassBitsAreDistinctAndFit() {
        let bits = RuleClass.allCases.map(\.bit)
        #expect(Set(bits).count == RuleClass.allCases.count)
        #expect(RuleClass.allCases.count <= UInt64.bitWidth)
        // Bits follow the order of `allCases` (the stored case index is read directly).
        for (i, ruleClass) in RuleClass.allCases.enumerated() { #expect(ruleClass.bit == UInt64(1) << UInt64(i), "\(ruleClass)") }
    }

    @Test func labelOrderIsTheDeclarationOrder() {
        for (i, label) in EntityLabel.allCases.enumerated() { #expect(label.order == i, "\(label)") }
        #expect(EntityLabel.allCases.sorted() == EntityLabel.allCases)
    }

    /// Compiled lexicons store labels as bytes: 0 for IGNORE, then the entity
    /// labels in declaration order; every label round-trips, nothing else reads.
    @Test func labelArchiveCodesRoundTrip() {
        let labels: [DictionaryLabel] = [.ignore] + EntityLabel.allCases.map { .entity($0) }
        for (i, label) in labels.enumerated() {
            #expect(label.archiveCode == UInt8(i), "\(label)")
            #expect(DictionaryLabel(archiveCode: label.archiveCode) == label, "\(label)")
        }
        for code in UInt8(labels.count) ... 255 { #expect(DictionaryLabel(archiveCode: code) == nil) }
    }

    /// A disabled label hides its entities; the others are untouched.
    @Test func disabledLabelsAreFilteredOut() throws {
        let text = "他在北京协和医院骨科做了腰椎手术，费用3000元。"
        let all = try MedExtractor().extract(from: text)
        for label in EntityLabel.allCases {
            let others = Set(EntityLabel.allCases).subtracting([label])
            let some = try MedExtractor(configuration: ExtractorConfiguration(enabledLabels: others)).extract(from: text)
            #expect(!some.contains { $0.label == label }, "\(label)")
            #expect(some.map(\.scalarOffsets) == all.filter { $0.label != label }.map(\.scalarOffsets), "\(label)")
        }
        #expect(Set(all.map(\.label)).count >= 3)
    }

    @Test func everyRuleClassHasWordsInTheBuiltInLexicon() throws {
        let words = try RuleLexiconFile.parse(try BuiltinResources.contents(of: RuleLexiconFile.builtinName), path: RuleLexiconFile.builtinName)
        let used = Set(words.map(\.ruleClass))
        #expect(used == Set(RuleClass.allCases))
    }
}
