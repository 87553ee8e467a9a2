/// The document-level linking pass (ANNOTATION.md, "Links"): after overlap
/// resolution and the alias pass, it gives every HOSPITAL its province, city
/// and division code, and every DEPARTMENT the canonical name of its hospital.
///
/// A hospital's place: the run of place names its name starts with (a county
/// or township resolves to its city and province; a branch named by a place
/// after an inner head, `…医院酒泉医院`, wins), then the hospital registry, then
/// the city all registered hospitals of its parent organisation share, then
/// the document's own places (`县人民医院` in a report on one county), else a
/// branch takes the document's main hospital's place; a province alone gives
/// the provincial capital.
///
/// A department's hospital, first rule that applies:
/// 1. a HOSPITAL right before it, with at most `的`, a campus or a building
///    between (a campus written after its parent links to the parent);
/// 2. `我院`/`本院` before it → the document's main hospital; `该院`/`院` → the
///    hospital named last; a non-hospital body (`卫健委`) or a hospital the
///    text does not name (`某三甲医院`) before it → none;
/// 3. a hospital named before it in the same sentence (not a bracketed second
///    name); one named after it only when the document has no main hospital;
/// 4. the document's main hospital (the most mentioned one of those named in
///    its headline or first sentence);
/// 5. none.
///
/// One pass over the text (sentence ends; the place names are counted from
/// the lexicon's matches when the extractor links, else with the gazetteer's
/// automaton) and one over the entities: linear in the document.
public struct DocumentLinker: Sendable {
    /// The gazetteer.
    public let places: PlaceIndex
    /// Where registered hospitals are.
    public let registry: HospitalRegistry
    /// The words read around departments.
    public let words: LinkWords
    /// Places of dictionary hospitals, once per name (see ``fullName(of:hint:)``).
    private let candidatePlaces: NameMemo<String?>
    /// Full names of unknown hospital names, once per name and hint.
    private let fullNames: NameMemo<String?>
    /// What a hospital name's words place it as, once per name, hint and
    /// province (``namePlacement(of:hint:province:)``).
    private let namePlacements: NameMemo<NamePlacement>
    /// ``headTest(_:)`` of ``words``.
    private let isHead: @Sendable ([UInt16]) -> Bool
    /// The dictionaries' hospital names, for canonical full names of short
    /// forms and place-prefixed aliases: the lexicon's with
    /// ``init(builtinWith:)-(Lexicon)``, else none until ``with(hospitalNames:)``.
    var hospitalNames: HospitalNames?
    /// Whether the gazetteer's places are the lexicon's, by index (the
    /// extractor's linker, ``init(builtinWith:)-(Lexicon)``): then a
    /// document's places are counted from the lexicon's matches
    /// (``countPlaces(in:window:into:)``), not by a scan of their own.
    private(set) var countsLexiconPlaces = false

    /// This pass reading the dictionaries' hospital names `names`.
    func with(hospitalNames names: HospitalNames) -> DocumentLinker {
        var copy = self
        copy.hospitalNames = names
        return copy
    }

    /// Creates the pass from the gazetteer, the registry and the link words.
    public init(places: [PlaceEntry], registry: HospitalRegistry, words: LinkWords) {
        self.init(places: PlaceIndex(places), registry: registry, words: words)
    }

    init(places: PlaceIndex, registry: HospitalRegistry, words: LinkWords) {
        self.candidatePlaces = NameMemo()
        self.fullNames = NameMemo()
        self.namePlacements = NameMemo()
        self.places = places
        self.registry = registry
        self.words = words
        self.isHead = Self.headTest(words)
    }

    /// Loads the built-in registry and link words for `places`.
    public init(builtinWith places: [PlaceEntry]) throws(MedExtractError) {
        try self.init(builtinWith: PlaceIndex(places))
    }

    /// The extractor's linker: the built-in registry (the one archived with
    /// `lexicon`, else parsed) and link words, the gazetteer of `lexicon`
    /// indexed by the tables archived with it (nothing is built), and its
    /// hospital names for canonical full names (read on first use).
    @_spi(Benchmarks) public init(builtinWith lexicon: Lexicon) throws(MedExtractError) {
        let registry: HospitalRegistry
        if let archived = lexicon.registry { registry = archived } else { registry = try Self.builtinRegistry() }
        self.init(builtinWith: lexicon, words: try Self.builtinWords(), registry: registry)
    }

    /// The extractor's linker (``init(builtinWith:)-(Lexicon)``) with the
    /// built-in link words and registry read already, and `names` (nil:
    /// the lexicon's, built on first use) for canonical full names.
    init(builtinWith lexicon: Lexicon, words: LinkWords, registry: HospitalRegistry, hospitalNames names: HospitalNames? = nil) {
        if let lookup = lexicon.placeLookup {
            self.init(places: PlaceIndex(table: lexicon.places, automaton: lexicon.base.automaton, lookup: lookup), registry: registry, words: words)
        } else {
            self.init(places: PlaceIndex(Array(lexicon.places)), registry: registry, words: words)
        }
        hospitalNames = names ?? lexicon.hospitalNames
        countsLexiconPlaces = true
    }

    private init(builtinWith places: PlaceIndex) throws(MedExtractError) {
        self.init(places: places, registry: try Self.builtinRegistry(), words: try Self.builtinWords())
    }

    /// Parses the built-in hospital registry (the extractor reads the one
    /// archived with the compiled lexicon instead).
    static func builtinRegistry() throws(MedExtractError) -> HospitalRegistry {
        try HospitalRegistry.parse(try BuiltinResources.contents(of: HospitalRegistry.builtinName), path: HospitalRegistry.builtinName)
    }

    /// Reads the built-in link words: they depend on no dictionary, so the
    /// extractor reads them while it loads the lexicon.
    static func builtinWords() throws(MedExtractError) -> LinkWords {
        try LinkWords.parse(try BuiltinResources.contents(of: LinkWords.builtinName), path: LinkWords.builtinName)
    }

    /// The division names in `units` (the original text), by a scan with
    /// the gazetteer's own automaton: every free-standing name of one
    /// division that does not start a national body's name (`解放` of `解放军`).
    func scannedPlaces(_ units: [UInt16]) -> DocumentPlaces {
        var document = DocumentPlaces()
        let national = words.nationalUnits
        units.withUnsafeBufferPointer { buffer in
            places.forEachDivisionName(in: buffer) { code, start in
                if national.contains(where: { w in w.withUnsafeBufferPointer { MemoryCompare.hasWord($0, in: buffer, at: start) } }) { return }
                document.add(utf8: code)
            }
        }
        return document
    }

    /// Counts into `document` the division names among the lexicon matches
    /// of a normalised text: what ``scannedPlaces(_:)`` counts in the original
    /// (the surfaces of ``PlaceLookupTables/divisionNames``, two units or
    /// longer, not starting a national body's name).
    /// Only matches whose start comes from a scalar in `window` (offsets as
    /// in `text.origins`) count. Does nothing unless the gazetteer is the
    /// lexicon's (``countsLexiconPlaces``).
    ///
    /// The lexicon's automaton holds every place surface, so this saves the
    /// linking pass a second scan of every document. The normalised text
    /// differs from the original only by layout (a name broken across a
    /// line is whole here) and by characters no place name has.
    func countPlaces(in matches: UnsafeBufferPointer<LexiconMatch>, text: NormalizedText, window: Range<Int>, into document: inout DocumentPlaces) {
        guard countsLexiconPlaces else { return }
        let lookup = places.lookup
        let national = words.nationalUnits
        lookup.divisionOfPlace.withUnsafeBufferPointer { division in
            text.units.withUnsafeBufferPointer { units in
                text.origins.withUnsafeBufferPointer { origins in
                    for m in matches {
                        let place = Int(m.value.place)
                        guard place >= 0, place < division.count, m.end - m.start >= 2 else { continue }
                        let code = division[place]
                        guard code >= 0, m.start < origins.count, window.contains(Int(origins[m.start])) else { continue }
                        if national.contains(where: { w in w.withUnsafeBufferPointer { MemoryCompare.hasWord($0, in: units, at: m.start) } }) { continue }
                        lookup.codes.withUTF8(at: Int(code)) { document.add(utf8: $0) }
                    }
                }
            }
        }
    }

    /// `entities` (sorted, non-overlapping, from `text`) with their links set.
    ///
    /// Only hospitals and departments take part: the rules read the text
    /// between them, so the other entities (figures, procedures) are skipped
    /// and the per-entity tables are as long as the linked ones.
    public func link(_ entities: consuming [Entity], in text: String) -> [Entity] {
        link(consume entities, in: text, places: nil)
    }

    /// ``link(_:in:)`` with the document's places counted already
    /// (``countPlaces(in:window:into:)`` over its chunks; nil: scanned here)
    /// and, when the caller has them, the UTF-16 units of `text`
    /// (`Array(text.utf16)`; nil: decoded here).
    func link(_ entities: consuming [Entity], in text: String, places counted: DocumentPlaces?, units given: OriginalText? = nil) -> [Entity] {
        // Moved, not copied: the links are set in place.
        var out = consume entities
        var linkable: [Int] = []
        linkable.reserveCapacity(out.count)
        for i in out.indices where out[i].label == .hospital || out[i].label == .department { linkable.append(i) }
        guard !linkable.isEmpty else { return out }
        let units = given?.units ?? [UInt16](utf16Of: text)
        let document = counted ?? scannedPlaces(units)
        let labels = linkable.map { out[$0].label }
        let spans: [Range<Int>]
        let sentence: [Int]
        if let walked = Self.utf16SpansAndSentences(of: linkable.map { out[$0].scalarOffsets }, in: units, sentenceEnds: given?.sentenceEnds) {
            (spans, sentence) = walked
        } else {
            let all = Entity.utf16Spans(of: out, in: text)
            spans = linkable.map { all[$0] }
            sentence = SentenceIndex.sentences(of: spans.map(\.lowerBound), in: units)
        }
        let chain = document.dominantChain
        let hint = chain.last

        // Hospitals: names and places. Indices from here on are positions in `linkable`.
        // Each distinct name is numbered once (``DocumentNames``) and what
        // is worked out for it is worked out once. Room for up to 64 names
        // (most documents), so the table rarely resizes, without sizing it
        // for every entity of a long document.
        var table = DocumentNames(capacity: min(linkable.count, 64))
        // The numbers of each hospital's names, in one array: three arrays
        // filled alike were made as one buffer by the optimiser and copied
        // at their first writes (callgrind: 2,712 copies for 500 documents
        // of 1 KB, six a document with a hospital).
        var numbers = [MentionNumbers](filledWith: MentionNumbers(), count: linkable.count)
        for (i, e) in linkable.enumerated() where labels[i] == .hospital {
            let raw = table.number(of: Self.name(of: out[e]))
            numbers[i].written = raw
            if table.facts[Int(raw)].full == DocumentNames.unknown {
                let full = fullName(of: table[raw], hint: hint)
                let number = full.map { table.number(of: $0) } ?? DocumentNames.none
                table.facts[Int(raw)].full = number
            }
            let full = table.facts[Int(raw)].full
            let name = full >= 0 ? full : raw
            numbers[i].named = name
            let link = linkNumber(of: name, in: &table)
            table.facts[Int(link)].firstMentions += 1
        }
        // The institution names mentioned (their order does not matter:
        // ``LongestNames`` sorts them).
        var mentioned: [[UInt16]] = []
        for n in table.strings.indices where table.facts[n].firstMentions > 0 { mentioned.append(table.units(of: Int32(n))) }
        let longer = LongestNames(units: mentioned)
        // Captures the place index alone: capturing `self` would copy the
        // whole linker into the closure for every document.
        let isParent: ([UInt16]) -> Bool = { [places] prefix in
            Self.parentWords.contains { prefix.containsUnits($0) }
                || places.prefixDivision(of: prefix, hint: nil, isHead: { _ in false }) != nil
        }
        var names = NameColumn(count: linkable.count)
        var linkNames = NameColumn(count: linkable.count)
        for i in linkable.indices where numbers[i].named >= 0 {
            let n = numbers[i].named
            if table.facts[Int(n)].longest == DocumentNames.unknown {
                let longest = table.number(of: longer.longest(for: table[n], units: table.units(of: n), isParent: isParent))
                table.facts[Int(n)].longest = longest
            }
            let name = table.facts[Int(n)].longest
            numbers[i].named = name
            let link = linkNumber(of: name, in: &table)
            numbers[i].institution = link
            table.facts[Int(link)].mentions += 1
            names[i] = table[name]
            linkNames[i] = table[link]
        }
        let main = mainHospital(labels, names: names, numbers: numbers, facts: table.facts, sentence: sentence, spans: spans, units: units)
        // The same name is placed the same way throughout the document: its
        // division, province and city, none when it has no (known) place.
        var mainCode: String?
        if let m = main {
            let code = placeCode(of: [UInt16](utf16Of: m.name), named: m.name, hint: hint, chain: chain, mainCode: nil, document: document)
            mainCode = code
            // Placing the main hospital with `mainCode` gives `code` again
            // (the main code is read only where nothing else placed the
            // name, and it is that same outcome), so it is not placed twice.
            table.facts[Int(numbers[m.index].named)].placement = Self.placement(ofCode: code, in: places)
        }
        for (i, e) in linkable.enumerated() where labels[i] == .hospital {
            let name = numbers[i].named
            guard name >= 0 else { continue }
            // The name it is written with, expanded (``canonicalSource(of:)``:
            // the entity is as it was when it was numbered).
            let full = table.facts[Int(numbers[i].written)].full
            if full >= 0 {
                out[e].attributes.canonical = table[full]
            }
            if !table.facts[Int(name)].placement.known {
                let code = placeCode(of: table.units(of: name), named: table[name], hint: hint, chain: chain, mainCode: mainCode, document: document)
                table.facts[Int(name)].placement = Self.placement(ofCode: code, in: places)
            }
            let place = table.facts[Int(name)].placement
            if let division = place.division {
                out[e].attributes.setPlace(division: division, province: place.province, city: place.city)
            }
        }

        // Departments. Each hospital's link name once; the nearest usable
        // hospital before and the next one after every entity, in two passes.
        var linked = NameColumn(count: linkable.count)
        var before = IndexColumn(count: linkable.count)
        var after = IndexColumn(count: linkable.count)
        var last: Int?
        for k in linkable.indices where labels[k] == .hospital {
            linked[k] = hospitalName(k, labels, spans: spans, units: units, names: names, linkNames: linkNames)
        }
        // A campus written without its institution (`中山院区`) is the main hospital's.
        if let m = main?.index, let mainName = linked[m] {
            for k in linkable.indices where labels[k] == .hospital && k != m {
                guard linked[k] == linkNames[k], numbers[k].named >= 0 else { continue }
                let n = Int(numbers[k].named)
                if table.facts[n].bareCampus < 0 { table.facts[n].bareCampus = isBareCampus(table.strings[n], units: table.units(of: Int32(n))) ? 1 : 0 }
                if table.facts[n].bareCampus == 1 { linked[k] = mainName }
            }
        }
        for k in linkable.indices {
            before[k] = last
            guard labels[k] == .hospital else { continue }
            // A bracketed name after another (its former name or alias), a
            // quoted name something is given (`设为“…医院”`), or a former
            // affiliation (`原…医院知名专家`) is not the one meant.
            let bracketed = k > 0 && labels[k - 1] == .hospital && sentence[k - 1] == sentence[k] && Self.isBracketed(units, spans[k])
            if !bracketed && !isGivenName(units, spans[k]) && !Self.isFormer(units, spans[k]) { last = k }
        }
        var next: Int?
        for k in linkable.indices.reversed() {
            after[k] = next
            if labels[k] == .hospital { next = k }
        }
        var departmentNames = NameColumn(count: linkable.count)
        for k in linkable.indices where labels[k] == .department { departmentNames[k] = Self.name(of: out[linkable[k]]) }
        var context = DepartmentContext(
            units: units, spans: spans, labels: labels, departmentNames: departmentNames, names: names, linked: linked,
            sentence: sentence, before: before, after: after, main: main?.index
        )
        // The hospitals each department name is written right after, anywhere in the document.
        var viaAdjacency: [Bool] = Array(filledWith: false, count: linkable.count)
        var adjacentTo: [ExactText: Set<ExactText>] = [:]
        var adjacent = NameColumn(count: linkable.count)
        for j in linkable.indices where labels[j] == .department {
            if let h = adjacentHospital(j, context, adjacent: adjacent, viaAdjacency: &viaAdjacency) {
                adjacent[j] = h
                adjacentTo[ExactText(departmentNames[j] ?? ""), default: []].insert(ExactText(h))
            }
        }
        for (department, hospitals) in adjacentTo where hospitals.count == 1 {
            context.explicit[department] = hospitals.first?.string
        }
        for (j, e) in linkable.enumerated() where labels[j] == .department {
            if let h = adjacent[j] ?? departmentHospital(j, context) {
                out[e].attributes.hospital = h
            }
        }
        return out
    }

    /// The number of the institution name (``linkName(_:units:)``) of name
    /// `number` in `table`, worked out once a name.
    private func linkNumber(of number: Int32, in table: inout DocumentNames) -> Int32 {
        if table.facts[Int(number)].link == DocumentNames.unknown {
            let link = table.number(of: linkName(table[number], units: table.units(of: number)))
            table.facts[Int(number)].link = link
        }
        return table.facts[Int(number)].link
    }

    /// ``place(ofCode:in:)`` as a worked-out ``DocumentNames/Placement``.
    static func placement(ofCode code: String?, in places: PlaceIndex) -> DocumentNames.Placement {
        guard let place = place(ofCode: code, in: places) else { return DocumentNames.Placement(known: true) }
        return DocumentNames.Placement(known: true, division: place.division, province: place.province, city: place.city)
    }

    /// The division, province and city a hospital's place code gives; nil
    /// for no code or an empty one (a place outside the code lists).
    static func place(ofCode code: String?, in places: PlaceIndex) -> (division: String, province: String?, city: String?)? {
        code.flatMap { $0.isEmpty ? nil : ($0, places.province(ofCode: $0), places.city(ofCode: $0)) }
    }

    /// The numbers in ``DocumentNames`` of one linked hospital's names
    /// (``DocumentNames/none`` for none, and for a department).
    struct MentionNumbers {
        /// The name it is written with.
        var written = DocumentNames.none
        /// The name it stands for: its full name, then the longest name
        /// the document uses for it.
        var named = DocumentNames.none
        /// Its institution's name.
        var institution = DocumentNames.none
    }

    /// An optional position per linked entity, in four bytes (an `[Int?]`
    /// takes sixteen a row).
    struct IndexColumn {
        private var rows: [Int32]

        init(count: Int) {
            rows = Array(filledWith: -1, count: count)
        }

        subscript(i: Int) -> Int? {
            get { rows[i] >= 0 ? Int(rows[i]) : nil }
            set { rows[i] = newValue.map { Int32(clamping: $0) } ?? -1 }
        }
    }

    /// What the department rules read, by position among the linked entities.
    private struct DepartmentContext {
        var units: [UInt16]
        /// Each entity's span in UTF-16 units of the text.
        var spans: [Range<Int>]
        var labels: [EntityLabel]
        /// Each department's name (``name(of:)``); nil for a hospital.
        var departmentNames: NameColumn
        var names: NameColumn
        var linked: NameColumn
        var sentence: [Int]
        var before: IndexColumn
        var after: IndexColumn
        var main: Int?
        /// The one hospital a department name is written right after in the document.
        var explicit: [ExactText: String] = [:]
    }

    // MARK: - Departments

    /// Rule 1: the hospital written right before department `j` (or before
    /// the department it is chained to), if any.
    private func adjacentHospital(
        _ j: Int, _ c: DepartmentContext, adjacent: NameColumn, viaAdjacency: inout [Bool]
    ) -> String? {
        guard j > 0 else { return nil }
        let k = j - 1
        // The gap is read only after a hospital or a department that took one.
        guard c.labels[k] == .hospital || c.labels[k] == .department && viaAdjacency[k] else { return nil }
        let gap = Self.compact(c.units, c.spans[k].upperBound, c.spans[j].lowerBound)
        if c.labels[k] == .hospital, isAdjacentGap(gap) {
            viaAdjacency[j] = true
            return c.linked[k]
        }
        if c.labels[k] == .department, viaAdjacency[k], gap.isEmpty || gap == Self.de, let h = adjacent[k] {
            viaAdjacency[j] = true
            return h
        }
        return nil
    }

    /// Rules 2 to 5 for a department with no hospital right before it.
    private func departmentHospital(_ j: Int, _ c: DepartmentContext) -> String? {
        let units = c.units
        let main = c.main
        let start = c.spans[j].lowerBound
        // 2. Reference words and non-hospital bodies right before it.
        var trimmed = Self.wordBefore(units, start, limit: max(words.maxLength, places.maxSurfaceLength) + 1)
        if trimmed.last == Self.de.first { trimmed.removeLast() }
        if let found = words.suffix(of: trimmed) {
            switch found.wordClass {
            case .selfReference:
                return main.flatMap { c.linked[$0] }
            case .anaphor:
                return (c.before[j] ?? main).flatMap { c.linked[$0] }
            case .body, .region:
                return nil
            case .head:
                // A hospital the text does not name: 某三甲医院骨科.
                if words.containsWord(of: .unnamed, in: Self.wordBefore(units, start, limit: 12)) { return nil }
                // `县医院胸痛中心`: the document's (else the last named) hospital of that level.
                if let level = levelBefore(trimmed, headLength: found.length) {
                    for k in [main, c.before[j]] {
                        if let k, let name = c.linked[k], name.utf16.contains(level) { return name }
                    }
                }
            case .campus, .national, .unnamed, .rename, .committee, .byline:
                break
            }
        }
        // A specialty of a region or of several institutions, or a committee:
        // 山西省全科医师, 16家全科基地, 心内科专委会.
        if endsWithPlaceName(trimmed) || Self.endsWithInstitutionCount(trimmed) || isFollowedByCommittee(units, c.spans[j].upperBound) {
            return nil
        }
        let explicit = c.explicit[ExactText(c.departmentNames[j] ?? "")]
        // 3. A hospital in the same sentence: before it, else (without a main hospital) after it.
        let s = c.sentence[j]
        if let k = c.before[j], c.sentence[k] == s { return Self.preferExplicit(c.linked[k], explicit) }
        if main == nil, let k = c.after[j], c.sentence[k] == s { return c.linked[k] }
        // 4. The document's main hospital.
        return Self.preferExplicit(main.flatMap { c.linked[$0] }, explicit)
    }

    /// The hospital the department name is written right after elsewhere in
    /// the document when it is the found one's parent or part
    /// (`…总医院第七医学中心及妇产医学部` after `…总医院妇产医学部`), else the found one.
    static func preferExplicit(_ found: String?, _ explicit: String?) -> String? {
        guard let found, let explicit, found != explicit else { return found }
        return found.hasPrefix(explicit) || explicit.hasPrefix(found) ? explicit : found
    }

    /// Whether `text` ends with the full name of a province, city or county
    /// (`山西省`, `晋城市`), not a hospital's.
    private func endsWithPlaceName(_ text: [UInt16]) -> Bool {
        // Strings only for a surface the gazetteer has.
        places.suffixesWithEntries(of: text, minimumLength: 2).contains { length in
            places.isFullDivisionName(String(utf16Units: text.suffix(length)))
        }
    }

    /// The level character (`县`, `市`, `省`, `区`) right before a hospital head
    /// that ends `text` and is not part of a named hospital (`县医院`), if any.
    private func levelBefore(_ text: [UInt16], headLength: Int) -> UInt16? {
        guard text.count > headLength else { return nil }
        let end = text.count - headLength
        let u = text[end - 1]
        guard [0x53BF, 0x5E02, 0x7701, 0x533A].contains(u) else { return nil } // 县 市 省 区
        // Only a bare level word: 县医院, not 怀宁县医院 (a name the recogniser missed).
        var length = 2
        while length <= min(end, places.maxSurfaceLength) {
            if places.hasEntries(text, (end - length) ..< end) { return nil }
            length += 1
        }
        return u
    }

    /// Whether `text` ends with a count of institutions: `16家`, `多家`.
    static func endsWithInstitutionCount(_ text: [UInt16]) -> Bool {
        guard text.count >= 2, text[text.count - 1] == 0x5BB6 else { return false } // 家
        let u = text[text.count - 2]
        return (u >= 0x30 && u <= 0x39) || HospitalNames.isNumeral(u) || u == 0x591A || u == 0x51E0 || u == 0x4E24 // 多 几 两
    }

    /// Whether a committee word (`专委会`, `专业委员会`) follows position `end`.
    private func isFollowedByCommittee(_ units: [UInt16], _ end: Int) -> Bool {
        var found = false
        words.forEachPrefixWord(after: end, in: units) { wordClass, length, last in
            guard length >= 2 else { return true }
            // 委员会, 学会, 协会: a body whose name ends in 会.
            found = wordClass == .committee || wordClass == .body && last == 0x4F1A
            return !found
        }
        return found
    }

    /// Whether a byline word (`来源`, `供稿`), and at most a colon, stands right
    /// before the hospital at `span`.
    private func isByline(_ units: [UInt16], _ span: Range<Int>) -> Bool {
        var p = span.lowerBound
        while p > 0 && (Self.isSpace(units[p - 1]) || units[p - 1] == 0x3A || units[p - 1] == 0xFF1A) { p -= 1 }
        return words.suffix(ofWordBefore: p, in: units)?.wordClass == .byline
    }

    /// Whether `原` (former) stands right before the hospital at `span`.
    static func isFormer(_ units: [UInt16], _ span: Range<Int>) -> Bool {
        var p = span.lowerBound
        while p > 0 && isSpace(units[p - 1]) { p -= 1 }
        return p > 0 && units[p - 1] == 0x539F // 原
    }

    /// Whether the hospital at `span` is a quoted name something is given
    /// (`设为“X医院”`, `挂牌“X医院”`): another name, not the institution meant next.
    private func isGivenName(_ units: [UInt16], _ span: Range<Int>) -> Bool {
        var p = span.lowerBound
        while p > 0 && Self.isSpace(units[p - 1]) { p -= 1 }
        guard p > 0, DocumentAliasPass.isOpeningQuote(units[p - 1]) else { return false }
        let before = Self.wordBefore(units, p - 1, limit: words.maxLength)
        return words.suffix(of: before)?.wordClass == .rename
    }

    /// Whether the text between a hospital and a department lets the
    /// department belong to it: nothing, `的`, or a campus or building name.
    private func isAdjacentGap(_ gap: [UInt16]) -> Bool {
        if gap.isEmpty || gap == Self.de { return true }
        guard gap.count <= 12, !gap.contains(where: { CodeUnitClass.isBoundaryPunctuation($0) && $0 != 0x28 && $0 != 0x29 && $0 != 0xFF08 && $0 != 0xFF09 }) else { return false }
        var g = gap
        if g.last == Self.de.first { g.removeLast() }
        if let found = words.suffix(of: g), found.wordClass == .campus { return true }
        // A bracketed tag: 医院(张家口)脑科中心.
        if let first = g.first, first == 0x28 || first == 0xFF08, let last = g.last, last == 0x29 || last == 0xFF09 { return true }
        return false
    }

    /// The name a department links to for hospital `k`: a campus written right
    /// after its parent hospital gives the parent; a campus suffix is cut.
    private func hospitalName(_ k: Int, _ labels: [EntityLabel], spans: [Range<Int>], units: [UInt16], names: NameColumn, linkNames: NameColumn) -> String? {
        guard let name = names[k] else { return nil }
        if k > 0, labels[k - 1] == .hospital, let parent = linkNames[k - 1],
           Self.isBlank(units, spans[k - 1].upperBound, spans[k].lowerBound),
           isCampus(name) {
            return parent
        }
        return linkNames[k]
    }

    private func isCampus(_ name: String) -> Bool {
        words.suffix(of: [UInt16](utf16Of: name))?.wordClass == .campus
    }

    /// A campus name without its institution (`三院院区`, not `…医院开元院区`):
    /// no `医院` before its last two characters, and not a `分院`. Read in
    /// UTF-16 units (a name's last two characters are two units unless one
    /// is a surrogate pair or has a combining mark).
    private func isBareCampus(_ name: String, units u: [UInt16]) -> Bool {
        guard words.suffix(of: u)?.wordClass == .campus else { return false }
        let lastTwo = name.index(name.endIndex, offsetBy: -2, limitedBy: name.startIndex) ?? name.startIndex
        let before = name.utf16.distance(from: name.startIndex, to: lastTwo)
        return !Array(u[..<before]).containsUnits(Self.hospitalWord) && !u.hasUnitSuffix(Self.branchWord)
    }

    /// `医院`, `分院`.
    private static let hospitalWord: [UInt16] = Array("医院".utf16)
    private static let branchWord: [UInt16] = Array("分院".utf16)

    /// The institution's name: a campus suffix after an inner head cut
    /// (`…第一附属医院开元院区` → `…第一附属医院`).
    /// `u` holds the UTF-16 units of `name`.
    func linkName(_ name: String, units u: [UInt16]) -> String {
        guard let found = words.suffix(of: u), found.wordClass == .campus else { return name }
        let yuan: UInt16 = 0x9662 // 院
        var i = u.count - found.length - 1
        while i >= 3 {
            if u[i] == yuan, i + 1 < u.count - found.length { return String(utf16Units: u[...i]) }
            i -= 1
        }
        return name
    }

    // MARK: - Hospitals

    private struct Main {
        var index: Int
        var name: String
    }

    /// The hospital the document is about: of the hospitals named in its
    /// headline or first sentence, the most mentioned one; else of those a
    /// byline names (`来源：…医院`), the most mentioned one; else a hospital
    /// that has at least two mentions and more than half of all hospital
    /// mentions (named more often than all others together).
    private func mainHospital(
        _ labels: [EntityLabel], names: NameColumn, numbers: [MentionNumbers], facts: [DocumentNames.Facts],
        sentence: [Int], spans: [Range<Int>], units: [UInt16]
    ) -> Main? {
        var best: (index: Int, count: Int)?
        var byline: (index: Int, count: Int)?
        var overall: (index: Int, count: Int)?
        // All mentions of institutions: each hospital with a name is one.
        var total = 0
        for i in labels.indices where labels[i] == .hospital {
            let link = numbers[i].institution
            guard link >= 0 else { continue }
            let count = Int(facts[Int(link)].mentions)
            total += 1
            if sentence[i] <= 1, best.map({ $0.count < count }) ?? true { best = (i, count) }
            if isByline(units, spans[i]), byline.map({ $0.count < count }) ?? true { byline = (i, count) }
            if overall.map({ $0.count < count }) ?? true { overall = (i, count) }
        }
        if best == nil { best = byline }
        if best == nil, let o = overall, o.count >= 2, 2 * o.count > total { best = o }
        guard let b = best, let name = names[b.index] else { return nil }
        return Main(index: b.index, name: name)
    }

    /// The division code of a hospital name, or nil when nothing tells; an
    /// empty code for a place outside the code lists.
    func placeCode(of name: [UInt16], hint: String?, chain: [String], mainCode: String?, document: DocumentPlaces? = nil) -> String? {
        placeCode(of: name, named: String(utf16Units: name), hint: hint, chain: chain, mainCode: mainCode, document: document)
    }

    /// ``placeCode(of:hint:chain:mainCode:document:)`` of a name whose
    /// string the caller has already (`string`, the same name as `name`'s units).
    func placeCode(of name: [UInt16], named string: String, hint: String?, chain: [String], mainCode: String?, document: DocumentPlaces? = nil) -> String? {
        // The rules that read the name alone (with the hint and the
        // province) are answered once per name across documents: the same
        // hospitals are named in document after document.
        let key = NameKey(string, hint: hint, province: chain.first)
        let placement: NamePlacement
        if let known = namePlacements.known(key) {
            placement = known
        } else {
            placement = namePlacement(of: name, string: string, hint: hint, province: chain.first)
            namePlacements.remember(placement, for: key)
        }
        if placement.isFinal { return placement.code }
        var code = placement.code
        if code == nil, let document { code = documentShortForm(name, document, province: chain.first) }
        if code == nil, let first = name.first {
            switch first {
            case 0x7701: code = chain.first // 省
            case 0x5E02: code = chain.count > 1 ? chain[1] : nil // 市
            case 0x53BF, 0x533A, 0x9547, 0x4E61: code = chain.count > 2 ? chain[2] : nil // 县 区 镇 乡
            default: break
            }
        }
        if code == nil, let mainCode, isBranch(name) { code = mainCode }
        if code == nil, isTownshipLevel(name) { code = chain.last }
        // Nothing else places it: the city (else province) the document is mostly about.
        // (Not a branch or campus: without its parent's place, nothing places it.)
        if code == nil, document != nil, !isBranch(name), let first = chain.first { code = chain.count > 1 ? chain[1] : first }
        if let c = code, c.utf8.count == 2, !PlaceIndex.isMunicipality(c), let capital = places.capital(ofProvince: c) {
            code = capital
        }
        return code
    }

    /// What the rules that read a name alone place it as: a code (nil for
    /// none yet), and whether that is the answer (no rule that reads the
    /// document comes after it).
    struct NamePlacement: Sendable {
        var code: String?
        var isFinal: Bool
    }

    /// The rules of ``placeCode(of:hint:chain:mainCode:document:)`` that
    /// read the name alone: its place prefix (with `hint`), an inner
    /// branch's place, the registry; a county short form from another
    /// province than `province` (the document's) is not taken. `string` is
    /// `name` as a string.
    private func namePlacement(of name: [UInt16], string: String, hint: String?, province documentProvince: String?) -> NamePlacement {
        if isNationalGeneralHospital(name) { return NamePlacement(code: "11", isFinal: true) }
        // A national body's name (`解放军…`) starts with no place (`解放` is a district).
        var code = nationalPrefixLength(name) == nil ? places.prefixDivision(of: name, hint: hint, isHead: isHead)?.code : nil
        if code == "" { return NamePlacement(code: "", isFinal: true) }
        // A county's short form from another province than the one the
        // document is about is more likely a word (凤凰山分院 in a report from 山西).
        if let c = code, c.utf8.count >= 6, let documentProvince, !c.hasPrefix(documentProvince),
           let first = places.prefixDivision(of: name, hint: hint, isHead: isHead), first.end <= 2 {
            code = nil
        }
        // A branch named by a place after an inner head: 上海市第一人民医院酒泉医院.
        var i = 2
        while i + 3 < name.count {
            if name[i] == 0x9662, name[i - 1] == 0x533B, // 医院
               let inner = places.prefixDivision(of: name, from: i + 1, hint: hint, isHead: isHead), !inner.code.isEmpty,
               inner.end + 2 <= name.count {
                code = inner.code
            }
            i += 1
        }
        if code == nil || code?.utf8.count == 2 {
            if let registered = registry.code(of: string) ?? (Self.hasBracket(name) ? registry.code(of: Self.withoutBrackets(string)) : nil),
               code.map({ registered.hasPrefix($0) }) ?? true {
                code = registered
            } else if code == nil, let organization = registry.organizationCode(of: string) {
                code = organization
            } else if code == nil, let bracketed = registry.bracketedCode(of: string) {
                code = bracketed
            }
        }
        return NamePlacement(code: code, isFinal: false)
    }

    /// Whether `rest` (what follows a head-only place name) is a hospital
    /// head word: the test place prefixes use to accept a head-only place.
    /// A closure over the link words alone, made once: passing a method of
    /// `self` would copy, retain and release the whole linker at every call,
    /// and a closure made at every call copies the link words.
    private static func headTest(_ words: LinkWords) -> @Sendable ([UInt16]) -> Bool {
        { rest in
            guard rest.count <= 6, let found = words.suffix(of: rest) else { return false }
            return found.wordClass == .head
        }
    }

    /// The county a name starts with in the short form, when the document
    /// also names that county and it is in the document's province (`路桥医院`
    /// in a report from 浙江 that names 路桥区).
    private func documentShortForm(_ name: [UInt16], _ document: DocumentPlaces, province: String?) -> String? {
        guard let province else { return nil }
        var length = 2
        while length <= min(places.maxSurfaceLength, name.count - 2) {
            guard places.hasEntries(name, 0 ..< length) else {
                length += 1
                continue
            }
            let surface = String(utf16Units: name[..<length])
            let mentioned = Set(places.codes(of: surface, level: .county).filter {
                $0.hasPrefix(province) && document.count($0) > 0
            })
            if mentioned.count == 1 { return mentioned.first }
            length += 1
        }
        return nil
    }

    /// The length of the national link word `name` starts with (`解放军`), if any.
    private func nationalPrefixLength(_ name: [UInt16]) -> Int? {
        var longest: Int?
        words.forEachPrefixWord(of: name, limit: name.count - 1) { wordClass, length in
            if length >= 2, wordClass == .national { longest = length }
            return true
        }
        return longest
    }

    // MARK: - Canonical names

    /// The canonical full name of a hospital name the dictionaries do not
    /// hold: an affiliated short form (`西安交大一附院`), or a place or national
    /// prefix before a known name that the prefix places (`北京301医院`,
    /// `武汉协和医院`); nil when none fits or several do.
    func fullName(of name: String, hint: String?) -> String? {
        guard let names = hospitalNames else { return nil }
        // Looked up before anything is computed (a known name's answer, nil,
        // is remembered too: the dictionaries' names are most of those
        // asked, and telling them known took about 1,900 instructions), and
        // not through a closure, which would copy the whole linker at every
        // call (most are answered here).
        let key = NameKey(name, hint: hint)
        if let known = fullNames.known(key) { return known }
        let full = names.isKnown(name) ? nil : expandedName(of: name, hint: hint, names: names)
        fullNames.remember(full, for: key)
        return full
    }

    /// ``fullName(of:hint:)`` computed.
    private func expandedName(of name: String, hint: String?, names: HospitalNames) -> String? {
        let u = [UInt16](utf16Of: name)
        guard u.count >= 4 else { return nil }
        let prefix = places.prefixDivision(of: u, hint: hint, isHead: isHead)
        // `长治二院`: a place and an ordinal is a city's hospital, not a university's.
        let placeAndOrdinal = prefix.map { p in u[p.end...].allSatisfy { HospitalNames.isNumeral($0) || $0 == HospitalNames.fu || $0 == HospitalNames.yuan } } ?? false
        if !placeAndOrdinal, let full = names.expandAffiliated(u) { return full }
        if let national = nationalPrefixLength(u) {
            let word = String(utf16Units: u[..<national])
            let fits = names.names(endingWith: Array(u[national...])).filter { $0.contains(word) && $0.utf16.count >= u.count }
            return fits.count == 1 ? fits.first : nil
        }
        guard let p = prefix, !p.code.isEmpty, p.end < u.count else { return nil }
        var registered: [String] = []
        var inferred: [String] = []
        for candidate in names.names(endingWith: Array(u[p.end...])) where candidate != name && candidate.utf16.count >= u.count {
            let placed = candidatePlaces.answer(for: NameKey(candidate)) { placeCode(of: Array($0.utf16), named: $0, hint: nil, chain: [], mainCode: nil) }
            guard let code = placed, !code.isEmpty,
                  code.hasPrefix(p.code) || p.code.hasPrefix(code) else { continue }
            if registry.code(of: candidate) != nil { registered.append(candidate) } else { inferred.append(candidate) }
        }
        if registered.count == 1 { return registered.first }
        return registered.isEmpty && inferred.count == 1 ? inferred.first : nil
    }

    /// The name the entity's canonical name was read from (its canonical form,
    /// else its text without whitespace), the key of ``fullName(of:hint:)``.
    static func canonicalSource(of entity: Entity) -> String? {
        entity.label == .hospital ? name(of: entity) : nil
    }

    /// `总医院`, the head of a general hospital.
    private static let generalHospital: [UInt16] = Array("总医院".utf16)

    /// `解放军总医院…`, `武警总医院`: the general hospital of a national body
    /// (the name starts with a `national` link word and has `总医院`), in 北京.
    private func isNationalGeneralHospital(_ name: [UInt16]) -> Bool {
        guard words.startsWithWord(of: .national, in: name, minimumLength: 2) else { return false }
        return name.containsUnits(Self.generalHospital)
    }

    /// A township-level institution (`…卫生院`, `…卫生服务中心`), placed by the
    /// document when its name does not place it.
    private func isTownshipLevel(_ name: [UInt16]) -> Bool {
        Self.townshipHeads.contains { name.count >= $0.count && name.suffix($0.count).elementsEqual($0) }
    }

    /// `卫生院`, `卫生服务中心`: the heads of township-level institutions.
    private static let townshipHeads: [[UInt16]] = ["卫生院", "卫生服务中心"].map { Array($0.utf16) }

    private func isBranch(_ name: [UInt16]) -> Bool {
        words.suffix(of: name)?.wordClass == .campus
    }

    // MARK: - Text

    static let de: [UInt16] = [0x7684] // 的

    /// Whether the entity stands inside brackets that open at most four
    /// characters before it (`(时为…医院)`).
    static func isBracketed(_ units: [UInt16], _ span: Range<Int>) -> Bool {
        var p = span.lowerBound
        var seen = 0
        while p > 0 && seen <= 4 {
            let u = units[p - 1]
            if u == 0x28 || u == 0xFF08 { return true }
            if CodeUnitClass.isBoundaryPunctuation(u) { return false }
            if !isSpace(u) { seen += 1 }
            p -= 1
        }
        return false
    }

    /// The entity's name: its canonical form, else its text without whitespace.
    static func name(of entity: Entity) -> String {
        if let canonical = entity.attributes.canonical, !canonical.isEmpty { return canonical }
        return String(String.UnicodeScalarView(entity.text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    /// Whether `name` has a round bracket (``withoutBrackets(_:)`` would change it).
    static func hasBracket(_ name: [UInt16]) -> Bool {
        name.contains { $0 == 0x28 || $0 == 0x29 || $0 == 0xFF08 || $0 == 0xFF09 }
    }

    static func withoutBrackets(_ name: String) -> String {
        var out = String.UnicodeScalarView()
        var depth = 0
        for s in name.unicodeScalars {
            if s == "(" || s == "（" { depth += 1; continue }
            if s == ")" || s == "）" { depth = max(0, depth - 1); continue }
            if depth == 0 { out.append(s) }
        }
        return String(out)
    }

    /// The units of `lower ..< upper` without whitespace.
    ///
    /// At most ``gapLimit`` units are kept: the rules only ask whether a gap
    /// is empty, one word or at most twelve units, so a long gap is not copied.
    static func compact(_ units: [UInt16], _ lower: Int, _ upper: Int) -> [UInt16] {
        guard lower < upper else { return [] }
        var out: [UInt16] = []
        out.reserveCapacity(min(upper - lower, gapLimit))
        for u in units[lower ..< upper] where !Self.isSpace(u) {
            if out.count == gapLimit { break }
            out.append(u)
        }
        return out
    }

    /// Whether `lower ..< upper` holds nothing but whitespace
    /// (``compact(_:_:_:)`` is empty), without copying it.
    static func isBlank(_ units: [UInt16], _ lower: Int, _ upper: Int) -> Bool {
        guard lower < upper else { return true }
        return !units[lower ..< upper].contains { !isSpace($0) }
    }

    /// The most units ``compact(_:_:_:)`` keeps: one more than the longest
    /// gap a department can have after its hospital (``isAdjacentGap(_:)``).
    static let gapLimit = 13

    /// Up to `limit` non-space units before `position`, stopping at punctuation.
    static func wordBefore(_ units: [UInt16], _ position: Int, limit: Int) -> [UInt16] {
        // How far back the word reaches, then one array filled from its end
        // (no second array to reverse into).
        var p = min(position, units.count)
        var taken = 0
        while p > 0 && taken < limit {
            let u = units[p - 1]
            p -= 1
            if Self.isSpace(u) { continue }
            if CodeUnitClass.isBoundaryPunctuation(u) { p += 1; break }
            taken += 1
        }
        guard taken > 0 else { return [] }
        return .initialized(capacity: taken) { out in
            var k = taken
            for q in p ..< min(position, units.count) where !Self.isSpace(units[q]) && k > 0 {
                k -= 1
                out[taken - 1 - k] = units[q]
            }
            return taken - k
        }
    }

    /// Scalar ranges (in order, not overlapping) as ranges of `units`, and
    /// the sentence number of each range's start
    /// (``SentenceIndex/sentences(of:in:)``), in one walk over the units;
    /// nil when the ranges are not in order. `sentenceEnds`, when given, are
    /// the offsets of the units of `units` that end a sentence, ascending
    /// (``OriginalText/sentenceEnds``): they are counted instead of the units.
    static func utf16SpansAndSentences(of ranges: [Range<Int>], in units: [UInt16], sentenceEnds known: [Int32]? = nil) -> (spans: [Range<Int>], sentences: [Int])? {
        var spans: [Range<Int>] = []
        var sentences: [Int] = []
        spans.reserveCapacity(ranges.count)
        sentences.reserveCapacity(ranges.count)
        let n = units.count
        return units.withUnsafeBufferPointer { units -> (spans: [Range<Int>], sentences: [Int])? in
            // Without a surrogate before the last range's end (most
            // documents), scalar offsets are unit offsets: no walk, and the
            // sentence ends are counted by a loop with no branch on the text.
            if let end = ranges.last?.upperBound, !Self.hasSurrogate(UnsafeBufferPointer(rebasing: units[..<min(max(end, 0), n)])) {
                // The table read once, not through its global's one-time
                // initialisation check for every range.
                let endBits = SentenceIndex.sentenceEndBits
                var previous = 0, ends = 0, counted = 0
                // In the sentence ends the normaliser found, when it found
                // them: the first not yet counted.
                var nextEnd = 0
                // The last unit ends no sentence that another starts after.
                let countable = n - 1
                for r in ranges {
                    guard r.lowerBound >= previous else { return nil }
                    previous = r.upperBound
                    let lower = min(r.lowerBound, n)
                    let upto = min(lower, countable)
                    if upto > counted {
                        if let known {
                            while nextEnd < known.count && Int(known[nextEnd]) < upto { nextEnd += 1 }
                            ends = nextEnd
                        } else {
                            ends &+= Self.sentenceEnds(in: UnsafeBufferPointer(rebasing: units[counted ..< upto]), bits: endBits)
                        }
                        counted = upto
                    }
                    sentences.append(ends)
                    spans.append(lower ..< min(r.upperBound, n))
                }
                return (spans, sentences)
            }
            var scalar = 0, unit = 0
            // Sentence ends among the units before `unit`, the text's last unit
            // not counted (a sentence starts after an end that is not the last unit).
            var ends = 0
            // A sentence end is counted by adding its bit, not by a branch:
            // where the punctuation, digits and Latin letters fall depends on
            // the text, and a branch on them was guessed wrong at each. The
            // last unit ends no sentence that another starts after.
            @inline(__always) func advance(to target: Int) {
                while scalar < target && unit < n {
                    let u = units[unit]
                    ends &+= SentenceIndex.sentenceEndBit(u) & (unit &- (n &- 1)) &>> (Int.bitWidth - 1)
                    // A high surrogate followed by a low one is one scalar
                    // (neither ends a sentence); surrogates are rare, so
                    // this branch is rarely taken.
                    if u & 0xFC00 == 0xD800, unit + 1 < n, units[unit + 1] & 0xFC00 == 0xDC00 { unit += 1 }
                    unit += 1
                    scalar += 1
                }
            }
            var previous = 0
            for r in ranges {
                guard r.lowerBound >= previous else { return nil }
                previous = r.upperBound
                advance(to: r.lowerBound)
                let lower = unit
                sentences.append(ends)
                advance(to: r.upperBound)
                spans.append(lower ..< unit)
            }
            return (spans, sentences)
        }
    }

    /// Whether any unit of `units` is a surrogate (of a pair or alone), in
    /// one pass with no branch on the units.
    static func hasSurrogate(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        var found: UInt16 = 0
        for u in units { found |= (u & 0xF800) == 0xD800 ? 1 : 0 }
        return found != 0
    }

    /// The number of sentence ends (``SentenceIndex/isSentenceEnd(_:)``) in `units`.
    static func sentenceEnds(in units: UnsafeBufferPointer<UInt16>, bits table: [UInt64] = SentenceIndex.sentenceEndBits) -> Int {
        // A bit a unit read from a table: SIMD comparisons compiled to
        // element-wise code, and the comparisons of ``SentenceIndex/sentenceEndBit(_:)``
        // to a tree of branches.
        table.withUnsafeBufferPointer { bits in
            var ends = 0
            for u in units { ends &+= Int(truncatingIfNeeded: bits[Int(u &>> 6)] &>> UInt64(u & 63) & 1) }
            return ends
        }
    }

    /// Words whose presence in what a longer name adds before a shorter one
    /// makes it a parent institution (``LongestNames``).
    static let parentWords: [[UInt16]] = ["医院", "大学", "学院"].map { Array($0.utf16) }

    static func isSpace(_ u: UInt16) -> Bool {
        u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D || u == 0x3000 || u == 0xA0
    }
}
