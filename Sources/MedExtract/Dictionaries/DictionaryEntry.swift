/// What a dictionary line says its surface is.
public enum DictionaryLabel: Sendable, Hashable, CustomStringConvertible {
    /// The surface names an entity of this label.
    case entity(EntityLabel)
    /// The surface is known not to be an entity (`基层医院`, `妇科疾病`, `首都医科大学`):
    /// it wins over shorter candidates inside it and is then dropped.
    case ignore

    /// Parses a label's UTF-8 bytes, as ``init(name:)`` does.
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        // The spellings the files use, without making a string.
        func spells(_ name: StaticString) -> Bool {
            guard name.utf8CodeUnitCount == bytes.count else { return false }
            for i in 0 ..< bytes.count where name.utf8Start[i] != bytes[i] { return false }
            return true
        }
        if spells("HOSPITAL") {
            self = .entity(.hospital)
        } else if spells("DEPARTMENT") {
            self = .entity(.department)
        } else if spells("PROCEDURE") {
            self = .entity(.procedure)
        } else if spells("IGNORE") {
            self = .ignore
        } else {
            self.init(name: String(decoding: bytes, as: UTF8.self))
        }
    }

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
    public var origin: String {
        get { originLine > 0 ? "\(originPath):\(originLine)" : originPath }
        set {
            originPath = newValue
            originLine = 0
        }
    }

    /// The origin's file, or the whole origin when `originLine` is 0: a
    /// parsed entry keeps its path and line apart, and the string is made
    /// only when asked for.
    private var originPath: String
    /// The origin's 1-based line, or 0.
    private var originLine: Int

    /// Creates an entry.
    public init(surface: String, label: DictionaryLabel, canonical: String? = nil, code: String? = nil, origin: String = "") {
        self.surface = surface
        self.label = label
        self.canonical = canonical
        self.code = code
        self.originPath = origin
        self.originLine = 0
    }

    /// Creates an entry read from line `line` of the file at `path`.
    init(surface: String, label: DictionaryLabel, canonical: String?, code: String?, path: String, line: Int) {
        self.surface = surface
        self.label = label
        self.canonical = canonical
        self.code = code
        self.originPath = path
        self.originLine = line
    }

    /// Whether two entries have the same surface, label, canonical name,
    /// code and origin.
    public static func == (a: Self, b: Self) -> Bool {
        guard a.surface == b.surface, a.label == b.label, a.canonical == b.canonical, a.code == b.code else { return false }
        if a.originLine > 0 && b.originLine > 0 || a.originLine == 0 && b.originLine == 0 {
            return a.originLine == b.originLine && a.originPath == b.originPath
        }
        return a.origin == b.origin
    }

    /// Hashes the surface, label, canonical name, code and origin.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(surface)
        hasher.combine(label)
        hasher.combine(canonical)
        hasher.combine(code)
        hasher.combine(origin)
    }
}
