/// Where registered hospitals are (`hospital_places.tsv`: `name<TAB>code`),
/// with the place shared by the hospitals of one parent organisation
/// (every `首都医科大学附属…` hospital is in 北京市).
public struct HospitalRegistry: Sendable {
    /// The built-in file's name.
    public static let builtinName = "hospital_places.tsv"

    // Sorted tables searched by bytes, not dictionaries: the built-in
    // registry is read in place from the compiled lexicon
    // (``init(reading:)``), with nothing parsed or hashed at start-up.
    private let codeOf: SortedStringMap
    private let organizationCode: SortedStringMap
    /// The code of each hospital name a registered name gives in brackets
    /// (`陆军军医大学附属第一医院(西南医院)` → `西南医院`), when only one place has it.
    private let bracketedCode: SortedStringMap

    /// Creates a registry from (name, division code) pairs.
    public init(_ pairs: [(name: String, code: String)]) {
        var codeOf: [ExactText: String] = [:]
        codeOf.reserveCapacity(pairs.count)
        var organizations: [ExactText: (city: String?, count: Int)] = [:]
        for pair in pairs {
            codeOf[ExactText(pair.name)] = pair.code
            guard let organization = Self.organizationPrefix(of: pair.name).map(ExactText.init) else { continue }
            // A municipality is its own city.
            let city = PlaceIndex.isMunicipality(pair.code) ? String(pair.code.prefix(2)) : pair.code.utf8.count >= 4 ? String(pair.code.prefix(4)) : nil
            if let known = organizations[organization] {
                organizations[organization] = (known.city == city ? city : nil, known.count + 1)
            } else {
                organizations[organization] = (city, 1)
            }
        }
        self.codeOf = SortedStringMap(codeOf)
        var bracketed: [ExactText: String?] = [:]
        for pair in pairs {
            guard let alias = Self.bracketedName(in: pair.name).map(ExactText.init), codeOf[alias] == nil else { continue }
            if let known = bracketed[alias] {
                if known != pair.code { bracketed[alias] = .some(nil) }
            } else {
                bracketed[alias] = .some(pair.code)
            }
        }
        self.bracketedCode = SortedStringMap(bracketed.compactMapValues { $0 })
        var organizationCode: [ExactText: String] = [:]
        for (organization, value) in organizations where value.count >= 2 {
            if let c = value.city { organizationCode[organization] = c }
        }
        self.organizationCode = SortedStringMap(organizationCode)
    }

    /// The division code registered for `name`, if any.
    public func code(of name: String) -> String? { codeOf.value(for: name) }

    /// The division code of a hospital a registered name gives in brackets
    /// (`西南医院`), or of a name that is such a hospital after an unregistered
    /// parent organisation (`第三军医大学西南医院`).
    public func bracketedCode(of name: String) -> String? {
        if let code = bracketedCode.value(for: name) { return code }
        guard let organization = Self.organizationPrefix(of: name) else { return nil }
        return bracketedCode.value(for: String(name.dropFirst(organization.count)))
    }

    /// The hospital name in brackets at the end of `name`, without a leading
    /// `原` (a former name): at least four characters ending in `医院`.
    static func bracketedName(in name: String) -> String? {
        // Most names do not end in `)`: one byte tells, read in place.
        let last = name.utf8.withContiguousStorageIfAvailable { $0.last } ?? name.utf8.last
        guard last == 0x29, name.hasSuffix(")"), let open = name.lastIndex(of: "(") else { return nil }
        var inner = name[name.index(after: open) ..< name.index(before: name.endIndex)]
        if inner.hasPrefix("原") { inner = inner.dropFirst() }
        guard inner.count >= 4, inner.hasSuffix("医院"), !inner.contains("(") else { return nil }
        return String(inner)
    }

    /// The city code shared by every registered hospital (at least two) whose
    /// name starts with the same parent organisation as `name` (`首都医科大学`), if any.
    public func organizationCode(of name: String) -> String? {
        guard let organization = Self.organizationPrefix(of: name) else { return nil }
        return organizationCode.value(for: organization)
    }

    /// The name up to its first `大学` or `学院` (`首都医科大学`), when something follows.
    static func organizationPrefix(of name: String) -> String? {
        // Both words contain 学 (UTF-8 E5 AD A6), which most names lack:
        // looked for in the bytes before the name is transcoded.
        guard mayContainXue(name) else { return nil }
        let units = [UInt16](utf16Of: name)
        let length = organizationPrefixLength(of: units)
        guard length > 0 else { return nil }
        return String(utf16Units: units[..<length])
    }

    /// Whether `name` may contain 学: false only when its UTF-8 bytes,
    /// read in place, have no E5 AD A6.
    static func mayContainXue(_ name: String) -> Bool {
        name.utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            while i + 2 < bytes.count {
                if bytes[i] == 0xE5, bytes[i + 1] == 0xAD, bytes[i + 2] == 0xA6 { return true }
                i += 1
            }
            return false
        } ?? true
    }

    /// The length in UTF-16 units of ``organizationPrefix(of:)`` in `units`,
    /// or 0 when there is none.
    static func organizationPrefixLength(of units: [UInt16]) -> Int {
        // 大学 (5927 5B66) or 学院 (5B66 9662), from the third unit, before the end.
        guard units.count > 4 else { return 0 }
        for i in 2 ..< units.count - 2 {
            let a = units[i], b = units[i + 1]
            if a == 0x5927 && b == 0x5B66 || a == 0x5B66 && b == 0x9662 { return i + 2 }
        }
        return 0
    }

    /// Parses the contents of a hospital place file; `path` names it in errors.
    ///
    /// Read as UTF-8 bytes (``TSVReader/scan(_:_:)``): a name and a code are
    /// made straight from their byte ranges, spaces around them trimmed,
    /// with no field slices in between (this runs on every construction of
    /// an extractor with the built-in dictionaries).
    public static func parse(_ contents: String, path: String) throws(MedExtractError) -> HospitalRegistry {
        var pairs: [(name: String, code: String)] = []
        var failure: MedExtractError?
        var text = contents
        text.withUTF8 { bytes in
            TSVReader.scan(bytes) { line, _, fields in
                guard failure == nil else { return }
                guard fields.count == 2 else {
                    failure = .malformedDictionaryLine(path: path, line: line, reason: "expected 2 tab-separated columns (name, code), found \(fields.count)")
                    return
                }
                let name = trimmed(fields[0], in: bytes), code = trimmed(fields[1], in: bytes)
                guard !name.isEmpty else {
                    failure = .malformedDictionaryLine(path: path, line: line, reason: "empty name")
                    return
                }
                let digits = UnsafeBufferPointer(rebasing: bytes[code])
                guard [2, 4, 6, 9].contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                    failure = .malformedDictionaryLine(path: path, line: line, reason: "code '\(String(decoding: digits, as: UTF8.self))' is not 2, 4, 6 or 9 digits")
                    return
                }
                pairs.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[name]), as: UTF8.self), String(decoding: digits, as: UTF8.self)))
            }
        }
        if let failure { throw failure }
        return HospitalRegistry(pairs)
    }

    /// Appends the registry's tables, as ``init(reading:)`` reads them.
    func write(to writer: inout ByteWriter) {
        codeOf.write(to: &writer)
        organizationCode.write(to: &writer)
        bracketedCode.write(to: &writer)
    }

    /// Reads tables written by ``write(to:)``, in place, checking them.
    init(reading reader: inout ByteReader) throws(ArchiveError) {
        codeOf = try SortedStringMap(reading: &reader)
        organizationCode = try SortedStringMap(reading: &reader)
        bracketedCode = try SortedStringMap(reading: &reader)
    }

    /// The number of registered names.
    var count: Int { codeOf.count }

    /// Every registered name and its code; the parent organisations shared
    /// by several and their city; the bracketed names and their code (for
    /// tests that compare an archived registry with a parsed one).
    var tables: (codes: [(key: String, value: String)], organizations: [(key: String, value: String)], bracketed: [(key: String, value: String)]) {
        (codeOf.pairs, organizationCode.pairs, bracketedCode.pairs)
    }

    /// `range` of `bytes` without the spaces (U+0020) at either end.
    private static func trimmed(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, bytes[lower] == 0x20 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 { upper -= 1 }
        return lower ..< upper
    }
}
