import Foundation

/// Finds hospitals, departments, procedures and figures in Chinese text.
///
/// Build one extractor (loading the dictionaries and compiling the automaton
/// is the expensive part) and reuse it: it is an immutable `Sendable` value,
/// safe to call from many threads at once.
///
/// ```swift
/// let extractor = try MedExtractor()
/// for entity in extractor.extract(from: "晋城大医院呼吸与危重症医学科成功开展2例手术") {
///     print(entity.label, entity.text, entity.scalarOffsets, entity.attributes.canonical ?? "")
/// }
/// ```
///
/// Data flows one way: raw text → `TextNormalizer` (normalised text with an
/// offset map) → lexicon matches and rule candidates → `OverlapResolver` →
/// entities with offsets mapped back to the original string.
public struct MedExtractor: Sendable {
    /// The configuration the extractor was built with.
    public let configuration: ExtractorConfiguration
    /// The compiled dictionaries and gazetteer.
    @_spi(Benchmarks) public let lexicon: Lexicon
    let normalizer = TextNormalizer()
    let segmenter: WordSegmenter
    let recognizers: [any Recognizer]
    let resolver = OverlapResolver()
    /// The linking pass (none without the built-in dictionaries).
    @_spi(Benchmarks) public let linker: DocumentLinker?

    /// Builds an extractor: loads the built-in dictionaries and the user's,
    /// compiles them, and opens ICU's word break iterator.
    /// - Throws: ``MedExtractError`` when a resource is missing, a dictionary
    ///   line is malformed, or ICU is unavailable.
    public init(configuration: ExtractorConfiguration = ExtractorConfiguration()) throws(MedExtractError) {
        self.configuration = configuration
        enabledByOrder = EntityLabel.allCases.map { configuration.enabledLabels.contains($0) }
        // The linker's words depend on no dictionary: read on another core
        // while this one loads the lexicon (which holds the hospital registry).
        let linkWords = configuration.includeBuiltinDictionaries ? BackgroundWork(DocumentLinker.builtinWords) : nil
        ScalarClassTable.prepareInBackground()
        // With the built-in dictionaries already loading on another core
        // (``beginLoadingBuiltinDictionaries()``), ICU and the recognisers,
        // which do not need them, are set up first, while the load finishes;
        // else the load starts first, and its checks run on another core
        // while they are set up.
        let loadingEarly = configuration.includeBuiltinDictionaries && LexiconLoader.early.isPending
        var early: (segmenter: WordSegmenter, recognizers: [any Recognizer])?
        if loadingEarly { early = (try WordSegmenter(locale: "zh"), try Self.recognizers(for: configuration)) }
        lexicon = try LexiconLoader.lexicon(for: configuration)
        // The hospital-name tables (for the linker): the archived ones, else
        // (with user entries) built on another core from here, while ICU,
        // the recognisers and the linker are set up, so the first document
        // with a hospital waits less for them.
        let hospitalNames = linkWords == nil ? nil : lexicon.hospitalNames
        hospitalNames?.buildInBackground()
        if let early {
            segmenter = early.segmenter
            recognizers = early.recognizers
        } else {
            segmenter = try WordSegmenter(locale: "zh")
            recognizers = try Self.recognizers(for: configuration)
        }
        if let linkWords {
            let registry: HospitalRegistry
            if let archived = lexicon.registry { registry = archived } else { registry = try DocumentLinker.builtinRegistry() }
            self.linker = DocumentLinker(builtinWith: lexicon, words: try linkWords.value(), registry: registry, hospitalNames: hospitalNames)
        } else {
            linker = nil
        }
    }

    /// Starts reading and checking the built-in dictionaries on another
    /// core, for the next extractor built with them
    /// (``ExtractorConfiguration/includeBuiltinDictionaries``) to take.
    ///
    /// For a process that knows it will build an extractor but has other
    /// work first: the command line calls it before parsing its arguments,
    /// so the load overlaps the parsing. The extractor is the same as
    /// without it. A load nobody takes stays in memory until one is built.
    @_spi(Tooling) public static func beginLoadingBuiltinDictionaries() {
        LexiconLoader.early.begin()
    }

    /// The recognisers `configuration` asks for, in order.
    private static func recognizers(for configuration: ExtractorConfiguration) throws(MedExtractError) -> [any Recognizer] {
        (configuration.useRules ? try makeRecognizers() : [DictionaryRecognizer(boundaryRules: RuleSet.boundaryRules)])
            + configuration.recognizers.map { CustomRecognizerAdapter(base: $0) }
    }

    static func makeRecognizers() throws(MedExtractError) -> [any Recognizer] {
        [DictionaryRecognizer(boundaryRules: RuleSet.boundaryRules), HospitalRecognizer(), DepartmentRecognizer(), ProcedureRecognizer(), try FigureRecognizer()]
    }

    /// The entities in `text`, sorted by position, non-overlapping, with
    /// offsets into `text` itself (a `Substring`'s offsets count from its own
    /// start). Linear in the length of `text`; never fails.
    public func extract(from text: some StringProtocol) -> [Entity] {
        let text = String(text)
        // The layout model and chunk state are gone before linking starts.
        let (entities, places, units) = unlinkedEntities(in: text)
        guard let linker else { return entities }
        return linker.link(consume entities, in: text, places: places, units: units)
    }

    /// The entities of `text` before the linking pass, the places it
    /// mentions if they were counted (``DocumentState/places``), and the
    /// text's UTF-16 units and sentence ends when it is one chunk (read by
    /// the normaliser for the linker, when there is one); `chunks`, when the
    /// caller has cut them already, are `chunks(of: text.unicodeScalars)`.
    private func unlinkedEntities(in text: String, chunks known: [Chunk]? = nil) -> (entities: [Entity], places: DocumentPlaces?, units: OriginalText?) {
        var translator = OffsetTranslator(text)
        var entities: [Entity] = []
        var document = newDocumentState()
        let scalars = text.unicodeScalars
        let layout = LayoutModel(scalars[...])
        let enabled = enabledByOrder
        let chunks = known ?? chunks(of: scalars)
        var units: OriginalText?
        for chunk in chunks {
            // Origins relative to the chunk, so they fit in Int32 in any string;
            // line layout judged on the whole text, so chunks do not change it.
            let normalized: NormalizedText
            if chunks.count == 1, keepsUnits(of: chunk, in: scalars) {
                (normalized, units) = normalizer.normalizeKeepingUnits(scalars[chunk.range], layout: layout, startOffset: chunk.offset)
            } else {
                normalized = normalizer.normalize(scalars[chunk.range], layout: layout, startOffset: chunk.offset)
            }
            document.placeWindow = Self.placeWindow(of: chunk)
            var resolved = extractCandidates(from: normalized, document: &document)
            appendEntities(&resolved, of: normalized, chunk: chunk, text: text, enabled: enabled, translator: &translator, to: &entities)
        }
        return (entities, document.places, units)
    }

    /// Whether normalising `chunk` copies the text's UTF-16 units for the
    /// linker: there is one, and the chunk is the whole text.
    private func keepsUnits(of chunk: Chunk, in scalars: String.UnicodeScalarView) -> Bool {
        linker != nil && chunk.offset == 0 && chunk.range == scalars.startIndex ..< scalars.endIndex
    }

    /// A document's state before its first chunk: places counted from the
    /// lexicon's matches when the linker reads them so.
    private func newDocumentState() -> DocumentState {
        var state = DocumentState()
        if linker?.countsLexiconPlaces == true { state.places = DocumentPlaces() }
        return state
    }

    /// `chunk`'s keep range in offsets relative to its first scalar.
    static func placeWindow(of chunk: Chunk) -> Range<Int> {
        let lower = chunk.keepFrom - chunk.offset
        let upper = chunk.keepBefore == Int.max ? Int.max : chunk.keepBefore - chunk.offset
        return lower ..< max(lower, upper)
    }

    /// Whether each label (by ``EntityLabel/order``) is enabled, looked up
    /// without hashing a label per entity (made once, at construction: a
    /// document extracted alone no longer makes the array and hashes every
    /// label for it).
    private let enabledByOrder: [Bool]

    /// Appends the entities of one chunk's resolved candidates, their spans
    /// mapped back to scalar offsets of `text`.
    private func appendEntities(
        _ resolved: inout [Candidate], of normalized: NormalizedText, chunk: Chunk, text: String, enabled: [Bool],
        translator: inout OffsetTranslator, to entities: inout [Entity]
    ) {
        // Indices, not copies: the attributes of a kept entity are moved out
        // of its candidate (`resolved` is spent).
        // Only for the first chunk: reserving for every chunk would grow the
        // array by exact steps, copying it once a chunk.
        if entities.isEmpty { entities.reserveCapacity(resolved.count) }
        for c in resolved.indices {
            guard case .entity(let label) = resolved[c].label, enabled[label.order] else { continue }
            let local = normalized.originalScalarRange(resolved[c].start ..< resolved[c].end)
            let span = local.lowerBound + chunk.offset ..< local.upperBound + chunk.offset
            guard span.lowerBound >= chunk.keepFrom, span.lowerBound < chunk.keepBefore,
                  span.lowerBound >= (entities.last?.scalarOffsets.upperBound ?? 0) else { continue }
            let lower = translator.position(ofScalarOffset: span.lowerBound)
            let upper = translator.position(ofScalarOffset: span.upperBound)
            // Copied from the UTF-8 between two scalar boundaries (no
            // decoding of the scalars, as a scalar view's slice did).
            let entityText = String(Substring(text.utf8[lower ..< upper]))
            var attributes = EntityAttributes()
            swap(&attributes, &resolved[c].attributes)
            if resolved[c].entry == Candidate.surfaceEntry {
                // Named after its normalised text: the entity's own string
                // when that is the same (most), else a string of the units.
                let units = normalized.units[resolved[c].start ..< resolved[c].end]
                attributes.canonical = Self.hasUnits(units, of: entityText) ? entityText : String(utf16Units: units)
            } else if let canonical = attributes.canonical, ExactText(canonical) == ExactText(entityText) {
                // A canonical form equal to the text (byte for byte) shares its storage.
                attributes.canonical = entityText
            }
            entities.append(Entity(label: label, scalarOffsets: span, text: entityText, attributes: attributes))
        }
    }

    /// `candidates` with the canonical name of each that takes its own text
    /// (``Candidate/surfaceEntry``) made from `units`, the normalised text
    /// they are spans of.
    static func withSurfaceNames(_ candidates: consuming [Candidate], units: [UInt16]) -> [Candidate] {
        var out = candidates
        for i in out.indices where out[i].entry == Candidate.surfaceEntry {
            out[i].entry = -1
            let start = out[i].start, end = out[i].end
            if start >= 0, start <= end, end <= units.count { out[i].attributes.canonical = String(utf16Units: units[start ..< end]) }
        }
        return out
    }

    /// Whether `units` are the UTF-16 code units of `text` (a short
    /// entity's: decoded on the stack, not made into a string).
    static func hasUnits(_ units: ArraySlice<UInt16>, of text: String) -> Bool {
        let utf8 = text.utf8
        // Every UTF-8 byte gives at most one unit.
        guard units.count <= utf8.count else { return false }
        return utf8.withContiguousStorageIfAvailable { bytes in
            withUnsafeTemporaryAllocation(of: UInt16.self, capacity: max(bytes.count, 1)) { scratch in
                let count = UTF8Transcoding.decode(bytes, into: scratch)
                guard count == units.count else { return false }
                return units.withUnsafeBufferPointer { units in
                    guard let a = units.baseAddress, let b = scratch.baseAddress else { return count == 0 }
                    return memcmp(a, b, count * 2) == 0
                }
            }
        } ?? units.elementsEqual(text.utf16)
    }

    /// The entities of several documents, exactly `texts.map { extract(from: $0) }`.
    ///
    /// Documents of one chunk (most) go through the stages together: every
    /// document is normalised, then every one scanned, then each recogniser
    /// runs over all of them, and so on; a longer document is extracted
    /// alone. The command line's pipeline extracts a few inputs at a time
    /// this way (with their JSON reading and writing around it): 12 % less
    /// time on news JSONL, whose documents are short (docs/BENCHMARKS.md).
    @usableFromInline
    func extractBatch(_ texts: [String]) -> [[Entity]] {
        guard texts.count > 1 else { return texts.map { extract(from: $0) } }
        var results = [[Entity]](filledWith: [], count: texts.count)
        var places = [DocumentPlaces?](filledWith: nil, count: texts.count)
        // Each text's UTF-16 units and sentence ends, when the normaliser read them for the linker.
        var units = [OriginalText?](filledWith: nil, count: texts.count)
        // (document, its one chunk, its normalised text)
        var together: [(index: Int, chunk: Chunk, normalized: NormalizedText)] = []
        together.reserveCapacity(texts.count)
        for (i, text) in texts.enumerated() {
            let scalars = text.unicodeScalars
            let chunks = chunks(of: scalars)
            guard chunks.count == 1, let chunk = chunks.first else {
                (results[i], places[i], units[i]) = unlinkedEntities(in: text, chunks: chunks)
                continue
            }
            let layout = LayoutModel(scalars[...])
            let normalized: NormalizedText
            if keepsUnits(of: chunk, in: scalars) {
                (normalized, units[i]) = normalizer.normalizeKeepingUnits(scalars[chunk.range], layout: layout, startOffset: chunk.offset)
            } else {
                normalized = normalizer.normalize(scalars[chunk.range], layout: layout, startOffset: chunk.offset)
            }
            together.append((i, chunk, normalized))
        }
        var documents = together.map { item in
            var state = newDocumentState()
            state.placeWindow = Self.placeWindow(of: item.chunk)
            return state
        }
        var resolved = extractCandidates(from: together.map(\.normalized), documents: &documents)
        let enabled = enabledByOrder
        for (k, item) in together.enumerated() {
            places[item.index] = documents[k].places
            var translator = OffsetTranslator(texts[item.index])
            appendEntities(&resolved[k], of: item.normalized, chunk: item.chunk, text: texts[item.index], enabled: enabled,
                           translator: &translator, to: &results[item.index])
        }
        guard let linker else { return results }
        for i in texts.indices {
            // Moved into the linker, which sets the links in place (passing
            // `results[i]` would share its storage and copy every entity).
            var entities: [Entity] = []
            swap(&entities, &results[i])
            results[i] = linker.link(consume entities, in: texts[i], places: places[i], units: units[i])
            units[i] = nil
        }
        return results
    }

    /// The resolved candidates of already-normalised text (coordinates in its units).
    @_spi(Benchmarks) public func resolvedCandidates(in normalized: NormalizedText) -> [Candidate] {
        var document = DocumentState()
        return Self.withSurfaceNames(extractCandidates(from: normalized, document: &document), units: normalized.units)
    }

    func extractCandidates(from normalized: NormalizedText, document: inout DocumentState) -> [Candidate] {
        var documents = [document]
        defer { document = documents[0] }
        return extractCandidates(from: [normalized], documents: &documents)[0]
    }

    /// The resolved candidates of independent pieces of text (`documents[k]`
    /// the alias state of piece `k`'s document), stage by stage over all of them.
    func extractCandidates(from texts: [NormalizedText], documents: inout [DocumentState]) -> [[Candidate]] {
        var contexts: [RecognitionContext?] = texts.map { normalized in
            guard normalized.count > 0 else { return nil }
            let matches = normalized.units.withUnsafeBufferPointer { lexicon.matchList(in: $0) }
            return RecognitionContext(text: normalized, taking: matches, lexicon: lexicon, segmenter: segmenter)
        }
        // The places each document mentions, for the linking pass, while
        // the matches are at hand.
        if let linker {
            for k in texts.indices {
                guard let context = contexts[k], var counted = documents[k].places else { continue }
                documents[k].places = nil // the counts' only owner while they grow
                linker.countPlaces(in: context.matches, text: texts[k], window: documents[k].placeWindow, into: &counted)
                documents[k].places = counted
            }
        }
        var candidates = [[Candidate]](filledWith: [], count: texts.count)
        // Room for a candidate per two lexicon matches and some rule
        // candidates, instead of growing step by step: most matches give
        // none (in 1 KB pieces of news text, at most 0.49 candidates a
        // match, 0.17 on average; room for one a match made a 1 KB
        // document allocate 15 to 30 KB). Capped, since a long chunk has
        // far fewer candidates than matches and the room would raise the
        // peak memory of a long document.
        for k in texts.indices {
            if let context = contexts[k] { candidates[k].reserveCapacity(min(context.matches.count / 2, 512) + 16) }
        }
        for recognizer in recognizers {
            for k in texts.indices {
                if let context = contexts[k] { recognizer.recognize(context, into: &candidates[k]) }
            }
        }
        var results = [[Candidate]](filledWith: [], count: texts.count)
        for k in texts.indices {
            guard let context = contexts[k] else { continue }
            let length = texts[k].count
            // The kept candidates are moved out, not copied; put back when
            // the alias pass resolves again.
            let (resolved, kept) = resolver.take(from: &candidates[k], length: length)
            let first = withEntryNames(resolved)
            guard configuration.useRules else {
                results[k] = first
                continue
            }
            let aliasPass = DocumentAliasPass()
            let declared = aliasPass.learn(from: first, in: context, document: &documents[k])
            guard !documents[k].aliases.isEmpty else {
                results[k] = first
                continue
            }
            // Named already (entry -1, canonical and code set): naming them
            // again would write the same names.
            resolver.restore(first, at: kept, into: &candidates[k])
            candidates[k] += declared
            aliasPass.apply(documents[k], to: texts[k].units, into: &candidates[k])
            results[k] = withEntryNames(resolver.take(from: &candidates[k], length: length).kept)
        }
        contexts.removeAll()
        return results
    }

    /// `resolved` with the canonical name and code of each candidate's
    /// lexicon entry (``Candidate/entry``) filled in. A candidate that takes
    /// its own text as its name (``Candidate/surfaceEntry``) keeps that
    /// mark: the entity made of it is named (``appendEntities``), its text
    /// string shared when the normalised text is the same.
    func withEntryNames(_ resolved: consuming [Candidate]) -> [Candidate] {
        var out = resolved
        let entries = lexicon.entries
        for i in out.indices where out[i].entry >= 0 {
            let index = Int(out[i].entry)
            out[i].entry = -1
            guard index < entries.count else { continue }
            let names = entries.canonicalAndCode(at: index)
            out[i].attributes.canonical = names.canonical
            out[i].attributes.code = names.code
        }
        return out
    }
}
