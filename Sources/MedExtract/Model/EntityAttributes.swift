/// What MedExtract knows about an entity beyond its span.
public struct EntityAttributes: Sendable, Hashable, Codable {
    /// The canonical name: a hospital's full name (short forms and declared
    /// aliases resolved), a department's or procedure's dictionary form, or the
    /// full name an abbreviation stands for (`EBUS-TBNA` → `超声支气管镜引导下经支气管针吸活检术`).
    public var canonical: String?
    /// A code from a public standard: the national department classification
    /// (`A03.01`) or ICD-9-CM-3 (`52.7`).
    public var code: String?
    /// The parsed figure, for FIGURE entities.
    public var figure: Figure?
    /// Where the entity came from: `dictionary`, `user-dictionary`, `rule`, `alias`.
    public var source: String?
    /// For a DEPARTMENT: the full canonical name of the hospital it is a unit
    /// of, or `nil` when the text does not say (ANNOTATION.md, "Links").
    public var hospital: String?
    /// For a HOSPITAL: the province-level division it is in, full official
    /// name (`山西省`; `北京市` for a municipality), or `nil` when nothing tells.
    public var province: String?
    /// For a HOSPITAL: the prefecture-level city it is in, full official name
    /// (`晋城市`; the municipality itself for 北京, 天津, 上海, 重庆), or `nil`.
    public var city: String?
    /// For a HOSPITAL: the code of the most specific division known for it
    /// (GB/T 2260 plus the statistics bureau's township suffix), or `nil`.
    public var division: String?

    /// Creates attributes.
    public init(
        canonical: String? = nil, code: String? = nil, figure: Figure? = nil, source: String? = nil,
        hospital: String? = nil, province: String? = nil, city: String? = nil, division: String? = nil
    ) {
        self.canonical = canonical
        self.code = code
        self.figure = figure
        self.source = source
        self.hospital = hospital
        self.province = province
        self.city = city
        self.division = division
    }
}
