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

    /// Creates attributes.
    public init(canonical: String? = nil, code: String? = nil, figure: Figure? = nil, source: String? = nil) {
        self.canonical = canonical
        self.code = code
        self.figure = figure
        self.source = source
    }
}
