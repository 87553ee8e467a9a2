/// What MedExtract knows about an entity beyond its span.
///
/// A value type like any other; inside, the figure and the four links are
/// kept out of line (each set of them in one shared, immutable box) and the
/// source in a byte, so an ``Entity`` stays small: a document can have
/// hundreds of thousands of them, most without a figure and without links.
public struct EntityAttributes: Sendable, Hashable, Codable {
    /// The canonical name: a hospital's full name (short forms and declared
    /// aliases resolved), a department's or procedure's dictionary form, or the
    /// full name an abbreviation stands for (`EBUS-TBNA` → `超声支气管镜引导下经支气管针吸活检术`).
    public var canonical: String?
    /// A code from a public standard: the national department classification
    /// (`A03.01`) or ICD-9-CM-3 (`52.7`).
    public var code: String?
    private var sourceStorage: Source
    private var figureBox: Box<Figure>?
    private var linkBox: Box<Links>?

    /// Where the entity came from: `dictionary`, `user-dictionary`, `rule`,
    /// `alias`, `custom` (or what a custom recogniser wrote).
    public var source: String? {
        get { sourceStorage.name }
        set { sourceStorage = Source(newValue) }
    }

    /// The parsed figure, for FIGURE entities.
    public var figure: Figure? {
        get { figureBox?.value }
        set { figureBox = newValue.map(Box.init) }
    }

    /// For a DEPARTMENT: the full canonical name of the hospital it is a unit
    /// of, or `nil` when the text does not say (ANNOTATION.md, "Links").
    public var hospital: String? {
        get { linkBox?.value.hospital }
        set { updateLinks { $0.hospital = newValue } }
    }

    /// For a HOSPITAL: the province-level division it is in, full official
    /// name (`山西省`; `北京市` for a municipality), or `nil` when nothing tells.
    public var province: String? {
        get { linkBox?.value.province }
        set { updateLinks { $0.province = newValue } }
    }

    /// For a HOSPITAL: the prefecture-level city it is in, full official name
    /// (`晋城市`; the municipality itself for 北京, 天津, 上海, 重庆), or `nil`.
    public var city: String? {
        get { linkBox?.value.city }
        set { updateLinks { $0.city = newValue } }
    }

    /// For a HOSPITAL: the code of the most specific division known for it
    /// (GB/T 2260 plus the statistics bureau's township suffix), or `nil`.
    public var division: String? {
        get { linkBox?.value.division }
        set { updateLinks { $0.division = newValue } }
    }

    /// Whether any link (hospital, province, city, division) is set: a
    /// writer that finds none reads none of the four.
    @_spi(Tooling) public var hasLinks: Bool { linkBox != nil }

    /// Creates attributes.
    public init(
        canonical: String? = nil, code: String? = nil, figure: Figure? = nil, source: String? = nil,
        hospital: String? = nil, province: String? = nil, city: String? = nil, division: String? = nil
    ) {
        self.canonical = canonical
        self.code = code
        self.sourceStorage = Source(source)
        self.figureBox = figure.map(Box.init)
        let links = Links(hospital: hospital, province: province, city: city, division: division)
        self.linkBox = links.isEmpty ? nil : Box(links)
    }

    /// Sets a hospital's place links at once (one box, not one per field).
    /// Attributes with the source alone set, to `dictionary` (or
    /// `user-dictionary`): every field written here, so a candidate made
    /// with them copies no string and retains nothing.
    static func dictionarySource(user: Bool) -> EntityAttributes {
        EntityAttributes(canonical: nil, code: nil, sourceStorage: user ? .userDictionary : .dictionary, figureBox: nil, linkBox: nil)
    }

    private init(canonical: String?, code: String?, sourceStorage: Source, figureBox: Box<Figure>?, linkBox: Box<Links>?) {
        self.canonical = canonical
        self.code = code
        self.sourceStorage = sourceStorage
        self.figureBox = figureBox
        self.linkBox = linkBox
    }

    mutating func setPlace(division: String?, province: String?, city: String?) {
        updateLinks {
            $0.division = division
            $0.province = province
            $0.city = city
        }
    }

    private mutating func updateLinks(_ change: (inout Links) -> Void) {
        var links = linkBox?.value ?? Links()
        change(&links)
        linkBox = links.isEmpty ? nil : Box(links)
    }

    // Equality, hashing and coding read the fields, not the boxes' identity.

    /// Whether every field of `a` equals that of `b` (links never set and
    /// links set and cleared are equal).
    public static func == (a: EntityAttributes, b: EntityAttributes) -> Bool {
        a.canonical == b.canonical && a.code == b.code && a.source == b.source
            && a.figure == b.figure && (a.linkBox?.value ?? Links()) == (b.linkBox?.value ?? Links())
    }

    /// Hashes the fields that `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(canonical)
        hasher.combine(code)
        hasher.combine(source)
        hasher.combine(figure)
        hasher.combine(linkBox?.value ?? Links())
    }

    enum CodingKeys: String, CodingKey {
        case canonical, code, figure, source, hospital, province, city, division
    }

    /// Decodes the attributes from an object with the optional keys
    /// `canonical`, `code`, `figure`, `source`, `hospital`, `province`,
    /// `city` and `division`.
    /// - Throws: `DecodingError` when a present key has the wrong type.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            canonical: try c.decodeIfPresent(String.self, forKey: .canonical),
            code: try c.decodeIfPresent(String.self, forKey: .code),
            figure: try c.decodeIfPresent(Figure.self, forKey: .figure),
            source: try c.decodeIfPresent(String.self, forKey: .source),
            hospital: try c.decodeIfPresent(String.self, forKey: .hospital),
            province: try c.decodeIfPresent(String.self, forKey: .province),
            city: try c.decodeIfPresent(String.self, forKey: .city),
            division: try c.decodeIfPresent(String.self, forKey: .division)
        )
    }

    /// Encodes the attributes that are present, under the keys above.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(canonical, forKey: .canonical)
        try c.encodeIfPresent(code, forKey: .code)
        try c.encodeIfPresent(figure, forKey: .figure)
        try c.encodeIfPresent(source, forKey: .source)
        try c.encodeIfPresent(hospital, forKey: .hospital)
        try c.encodeIfPresent(province, forKey: .province)
        try c.encodeIfPresent(city, forKey: .city)
        try c.encodeIfPresent(division, forKey: .division)
    }
}

/// ``EntityAttributes/source``: the built-in names without a string each,
/// any other one boxed.
private enum Source: Sendable {
    case none, dictionary, userDictionary, rule, alias, custom
    case other(Box<String>)

    init(_ name: String?) {
        guard let name else {
            self = .none
            return
        }
        // One comparison, picked by length (a candidate is made with one of
        // these names at every rule match).
        switch name.utf8.count {
        case 4 where name == "rule": self = .rule
        case 5 where name == "alias": self = .alias
        case 6 where name == "custom": self = .custom
        case 10 where name == "dictionary": self = .dictionary
        case 15 where name == "user-dictionary": self = .userDictionary
        default: self = .other(Box(name))
        }
    }

    var name: String? {
        switch self {
        case .none: nil
        case .dictionary: "dictionary"
        case .userDictionary: "user-dictionary"
        case .rule: "rule"
        case .alias: "alias"
        case .custom: "custom"
        case .other(let box): box.value
        }
    }
}

/// The links of an entity, kept together out of line.
private struct Links: Sendable, Hashable {
    var hospital: String?
    var province: String?
    var city: String?
    var division: String?

    var isEmpty: Bool { hospital == nil && province == nil && city == nil && division == nil }
}

/// An immutable value kept out of line: copies of the struct holding it share
/// it; a change makes a new box.
private final class Box<Value: Sendable>: Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
