/// The four kinds of entity MedExtract recognises (see ANNOTATION.md).
public enum EntityLabel: String, CaseIterable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// A named health-care institution that treats patients (`晋城大医院`).
    case hospital = "HOSPITAL"
    /// A named unit inside a hospital or health institution (`呼吸与危重症医学科`).
    case department = "DEPARTMENT"
    /// A named medical procedure, examination or treatment modality (`椎体成形术`, `CT`).
    case procedure = "PROCEDURE"
    /// A number with what it counts or measures (`260余名`, `50-70℃`).
    case figure = "FIGURE"

    /// The spec's name, as dictionaries and JSONL write it: `HOSPITAL`,
    /// `DEPARTMENT`, `PROCEDURE`, `FIGURE` (so `print(label)` prints it).
    public var description: String { rawValue }

    /// Parses a label as written in dictionaries and JSONL (`HOSPITAL`, case-insensitive).
    public init?(name: some StringProtocol) {
        guard let label = EntityLabel(rawValue: name.uppercased()) else { return nil }
        self = label
    }

    /// Orders labels in their declaration order (hospital, department,
    /// procedure, figure), the order of `allCases` and of every report.
    public static func < (lhs: EntityLabel, rhs: EntityLabel) -> Bool {
        lhs.order < rhs.order
    }

    /// The position in `allCases` (the declaration order above; a test
    /// checks the two agree), without hashing or comparing names.
    var order: Int {
        switch self {
        case .hospital: 0
        case .department: 1
        case .procedure: 2
        case .figure: 3
        }
    }

    /// The rank of each label's name in alphabetical order, `IGNORE` (the
    /// dictionary-only label) included as the last element: the historic
    /// tie-break of the overlap resolver, derived from the names.
    static let nameRanks: [Int] = {
        let names = allCases.map(\.rawValue) + ["IGNORE"]
        let sorted = names.sorted()
        return names.map { sorted.firstIndex(of: $0) ?? 0 }
    }()
}
