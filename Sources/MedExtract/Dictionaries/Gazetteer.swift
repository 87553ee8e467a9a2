/// The administrative level of a place name.
public enum PlaceLevel: String, Sendable, Hashable, CaseIterable {
    /// 省, 自治区, 直辖市 (`山西省`, `山西`).
    case province
    /// 地级市, 州, 盟 (`晋城市`, `晋城`).
    case city
    /// 县, 区, 旗, 县级市 (`肃州区`, `肃州`).
    case county
    /// 乡, 镇, 街道, 苏木 (`高沙镇`, `高沙`).
    case township
}

/// A place name from the gazetteer, used by the hospital rules and the linking pass.
public struct PlaceEntry: Sendable, Hashable {
    /// The name as written (`晋城`).
    public var surface: String
    /// Its level.
    public var level: PlaceLevel
    /// Its full form (`晋城市`).
    public var canonical: String
    /// The division code (GB/T 2260, plus the statistics bureau's three-digit
    /// township suffix): 2 digits for a province, 4 for a city, 6 for a county,
    /// 9 for a township; empty for a place outside the code lists (`香港`).
    public var code: String
    /// Whether the surface may only be read as a place right before a hospital
    /// head (`高沙` in `高沙卫生院`): derived township short forms and short forms
    /// that are common words (`城关`, `人民`), never free-standing places.
    public var headOnly: Bool
    /// Whether the surface is a former name of the division (`襄樊市`).
    public var former: Bool
    /// Whether this is the full name of a provincial capital (`太原市`).
    public var capital: Bool

    /// Creates a place entry.
    public init(surface: String, level: PlaceLevel, canonical: String, code: String = "", headOnly: Bool = false, former: Bool = false, capital: Bool = false) {
        self.surface = surface
        self.level = level
        self.canonical = canonical
        self.code = code
        self.headOnly = headOnly
        self.former = former
        self.capital = capital
    }

    /// The codes of the divisions containing this one, outermost first
    /// (`140525` → `14`, `1405`); empty without a code.
    public var ancestorCodes: [String] {
        let lengths = [2, 4, 6].filter { $0 < code.utf8.count }
        return lengths.map { String(code.prefix($0)) }
    }
}

/// The gazetteer file format, one place name a line:
/// `surface<TAB>level<TAB>canonical[<TAB>code[<TAB>flags]]`; level one of
/// `province`, `city`, `county`, `township`; code 2, 4, 6 or 9 digits or empty;
/// flags empty, `head-only`, `former` or `capital`. Comments, BOM and CRLF as in dictionaries.
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
        guard (3 ... 5).contains(fields.count) else {
            throw .malformedDictionaryLine(path: path, line: line, reason: "expected 3 to 5 tab-separated columns (surface, level, canonical, code, flags), found \(fields.count)")
        }
        let surface = fields[0].trimmingSpaces
        guard !surface.isEmpty else {
            throw .malformedDictionaryLine(path: path, line: line, reason: "empty surface")
        }
        guard let level = PlaceLevel(rawValue: String(fields[1].trimmingSpaces)) else {
            throw .malformedDictionaryLine(path: path, line: line, reason: "unknown level '\(fields[1])' (expected province, city, county or township)")
        }
        let canonical = fields[2].trimmingSpaces
        let code = fields.count > 3 ? String(fields[3].trimmingSpaces) : ""
        if !code.isEmpty {
            guard code.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), Self.codeLength(of: level) == code.utf8.count else {
                throw .malformedDictionaryLine(path: path, line: line, reason: "code '\(code)' is not \(Self.codeLength(of: level)) digits, as a \(level.rawValue) code is")
            }
        }
        var headOnly = false
        var former = false
        var capital = false
        if fields.count > 4 {
            switch fields[4].trimmingSpaces {
            case "": break
            case "head-only": headOnly = true
            case "former": former = true
            case "capital": capital = true
            default:
                throw .malformedDictionaryLine(path: path, line: line, reason: "unknown flag '\(fields[4])' (expected head-only, former or capital)")
            }
        }
        return PlaceEntry(
            surface: String(surface), level: level, canonical: canonical.isEmpty ? String(surface) : String(canonical),
            code: code, headOnly: headOnly, former: former, capital: capital
        )
    }

    /// The number of digits of a division code at `level`.
    public static func codeLength(of level: PlaceLevel) -> Int {
        switch level {
        case .province: 2
        case .city: 4
        case .county: 6
        case .township: 9
        }
    }
}
