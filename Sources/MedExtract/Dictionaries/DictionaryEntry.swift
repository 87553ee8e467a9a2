/// What a dictionary line says its surface is.
public enum DictionaryLabel: Sendable, Hashable, CustomStringConvertible {
    /// The surface names an entity of this label.
    case entity(EntityLabel)
    /// The surface is known not to be an entity (`基层医院`, `妇科疾病`, `首都医科大学`):
    /// it wins over shorter candidates inside it and is then dropped.
    case ignore

    /// Parses `HOSPITAL`, `DEPARTMENT`, `PROCEDURE`, `FIGURE` or `IGNORE` (case-insensitive).
    public init?(name: some StringProtocol) {
        // The spellings the files use, without uppercasing a copy.
        switch name {
        case "HOSPITAL": self = .entity(.hospital); return
        case "DEPARTMENT": self = .entity(.department); return
        case "PROCEDURE": self = .entity(.procedure); return
        case "IGNORE": self = .ignore; return
        default: break
        }
        if name.uppercased() == "IGNORE" {
            self = .ignore
        } else if let label = EntityLabel(name: name) {
            self = .entity(label)
        } else {
            return nil
        }
    }

    /// The label as written in dictionary files.
    public var description: String {
        switch self {
        case .entity(let label): label.rawValue
        case .ignore: "IGNORE"
        }
    }
}

/// One line of an entity dictionary: a surface form, what it is, and its
/// canonical name and code.
public struct DictionaryEntry: Sendable, Hashable {
    /// The text to match, in normalised form (full-width ASCII folded, layout whitespace removed, as the extractor normalises text).
    public var surface: String
    /// The label the surface gets.
    public var label: DictionaryLabel
    /// The canonical name; `nil` means the surface itself.
    public var canonical: String?
    /// A code from a public standard (department classification, ICD-9-CM-3).
    public var code: String?
    /// Where the entry was read from (`file:line`), for diagnostics.
    public var origin: String

    /// Creates an entry.
    public init(surface: String, label: DictionaryLabel, canonical: String? = nil, code: String? = nil, origin: String = "") {
        self.surface = surface
        self.label = label
        self.canonical = canonical
        self.code = code
        self.origin = origin
    }
}
