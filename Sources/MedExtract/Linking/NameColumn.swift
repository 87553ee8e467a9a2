/// An optional string per linked entity, in four bytes a row: each row is
/// the position of its string among the column's distinct strings (byte for
/// byte), or -1 for none.
///
/// The linking pass keeps several such columns as long as the document's
/// hospitals and departments; as `[String?]` each takes sixteen bytes a
/// row (20 MB for the six columns of a 50 MB document), while a document
/// repeats a few names.
struct NameColumn {
    private var rows: [Int32]
    private var strings: [String] = []
    private var positions: [ExactText: Int32] = [:]

    /// A column of `count` rows, every one nil.
    init(count: Int) {
        rows = Array(filledWith: -1, count: count)
    }

    /// The number of rows.
    var count: Int { rows.count }

    /// The rows' positions.
    var indices: Range<Int> { rows.indices }

    /// The string of row `i`; set one equal byte for byte to a string the
    /// column holds already, the row shares it.
    subscript(i: Int) -> String? {
        get {
            let k = Int(rows[i])
            return k >= 0 ? strings[k] : nil
        }
        set {
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
