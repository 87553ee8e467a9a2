/// The administrative level of a place name.
public enum PlaceLevel: String, Sendable, Hashable, CaseIterable {
    /// 省, 自治区, 直辖市 (`山西省`, `山西`).
    case province
    /// 地级市, 州, 盟 (`晋城市`, `晋城`).
    case city
    /// 县, 区, 旗, 县级市 (`肃州区`, `肃州`).
    case county
}

/// A place name from the gazetteer, used by the hospital rules.
public struct PlaceEntry: Sendable, Hashable {
    /// The name as written (`晋城`).
    public var surface: String
    /// Its level.
    public var level: PlaceLevel
    /// Its full form (`晋城市`).
    public var canonical: String

    /// Creates a place entry.
    public init(surface: String, level: PlaceLevel, canonical: String) {
        self.surface = surface
        self.level = level
        self.canonical = canonical
    }
}

/// The gazetteer file format: `surface<TAB>level<TAB>canonical`, level one of
/// `province`, `city`, `county`; comments, BOM and CRLF as in dictionaries.
public enum GazetteerFile {
    /// Parses the contents of a gazetteer file; `path` names it in errors.
    public static func parse(_ contents: String, path: String) throws(MedExtractError) -> [PlaceEntry] {
        var places: [PlaceEntry] = []
        for row in TSVReader.rows(contents) {
            places.append(try place(fields: row.fields, path: path, line: row.line))
        }
        return places
    }

    /// The place one gazetteer line describes; `path` and `line` name it in errors.
    static func place(fields: [Substring], path: String, line: Int) throws(MedExtractError) -> PlaceEntry {
        guard fields.count == 3 else {
            throw .malformedDictionaryLine(path: path, line: line, reason: "expected 3 tab-separated columns (surface, level, canonical), found \(fields.count)")
        }
        let surface = fields[0].trimmingSpaces
        guard !surface.isEmpty else {
            throw .malformedDictionaryLine(path: path, line: line, reason: "empty surface")
        }
        guard let level = PlaceLevel(rawValue: String(fields[1].trimmingSpaces)) else {
            throw .malformedDictionaryLine(path: path, line: line, reason: "unknown level '\(fields[1])' (expected province, city or county)")
        }
        let canonical = fields[2].trimmingSpaces
        return PlaceEntry(surface: String(surface), level: level, canonical: canonical.isEmpty ? String(surface) : String(canonical))
    }
}
