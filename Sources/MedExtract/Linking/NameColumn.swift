/// An optional string per linked entity. A long column keeps four bytes a
/// row: each row is the position of its string among the column's distinct
/// strings (byte for byte), or -1 for none; a short one is a plain
/// `[String?]`.
///
/// The linking pass keeps several such columns as long as the document's
/// hospitals and departments; as `[String?]` each takes sixteen bytes a
/// row (20 MB for the six columns of a 50 MB document), while a document
/// repeats a few names. Interning hashes every string written, which a
/// short column (a news article's few dozen entities) is not worth.
struct NameColumn {
    /// Columns of at least this many rows are interned.
    static let internedFrom = 1024

    /// The rows of a short column.
    private var plain: [String?] = []
    /// The rows of a long column: positions in `strings`, -1 for nil.
    private var rows: [Int32] = []
    private var strings: [String] = []
    private var positions: [ExactText: Int32] = [:]
    private let interned: Bool

    /// A column of `count` rows, every one nil.
    init(count: Int) {
        interned = count >= Self.internedFrom
        if interned {
            rows = Array(filledWith: -1, count: count)
        } else {
            plain = Array(filledWith: nil, count: count)
        }
    }

    /// The number of rows.
    var count: Int { interned ? rows.count : plain.count }

    /// The rows' positions.
    var indices: Range<Int> { 0 ..< count }

    /// The string of row `i`. In a long column, a string written equal byte
    /// for byte to one the column holds already shares its slot.
    subscript(i: Int) -> String? {
        get {
            guard interned else { return plain[i] }
            let k = Int(rows[i])
            return k >= 0 ? strings[k] : nil
        }
        set {
            guard interned else {
                plain[i] = newValue
                return
            }
            guard let newValue else {
                rows[i] = -1
                return
            }
            let key = ExactText(newValue)
            if let k = positions[key] {
                rows[i] = k
                return
            }
            let k = Int32(clamping: strings.count)
            strings.append(newValue)
            positions[key] = k
            rows[i] = k
        }
    }
}
