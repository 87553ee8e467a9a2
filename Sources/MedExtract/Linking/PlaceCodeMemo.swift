import Synchronization

/// Division codes of dictionary hospital names, remembered across documents.
///
/// ``DocumentLinker/fullName(of:hint:)`` places every dictionary hospital
/// whose name ends like an unknown one (`…人民医院`: thousands of them) with
/// the document-independent rules (no hint, no document places); the result
/// depends on the name alone, so it is computed once per name and shared by
/// every document and thread. At most ``capacity`` names are kept; past that
/// the memo starts again, so memory stays bounded on any corpus.
final class PlaceCodeMemo: Sendable {
    /// The most names remembered at once.
    static let capacity = 200_000

    private let codes = Mutex<[String: String?]>([:])

    /// The remembered code of `name`, or `compute(name)` remembered.
    func code(of name: String, compute: (String) -> String?) -> String? {
        if let known = codes.withLock({ $0[name] }) { return known }
        let code = compute(name)
        codes.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[name] = .some(code)
        }
        return code
    }
}
