import Synchronization

/// Answers of the linking pass that depend on a name alone, remembered across
/// documents and threads.
///
/// ``DocumentLinker/fullName(of:hint:)`` places every dictionary hospital
/// whose name ends like an unknown one (`…人民医院`: thousands of them) with
/// the document-independent rules, and expands the same unknown names in
/// document after document; both answers depend only on their key, so each
/// is computed once. At most ``capacity`` keys are kept; past that the memo
/// starts again, so memory stays bounded on any corpus.
final class NameMemo: Sendable {
    /// The most keys remembered at once.
    static let capacity = 200_000

    /// Keyed by the names' bytes (``ExactText``: no canonical-equivalence
    /// hashing under the lock).
    private let answers = Mutex<[ExactText: String?]>([:])

    /// The remembered answer for `key`, or `compute(key)` remembered.
    func answer(for key: String, compute: (String) -> String?) -> String? {
        if let known = known(key) { return known }
        let answer = compute(key)
        remember(answer, for: key)
        return answer
    }

    /// The answer remembered for `key`: `.some(answer)` (which may be nil),
    /// or nil when none is.
    ///
    /// With ``remember(_:for:)``, for callers whose computation captures a
    /// large value: a closure passed to ``answer(for:compute:)`` is formed
    /// (and its captures copied) even when the answer is known.
    func known(_ key: String) -> String?? {
        let exact = ExactText(key)
        return answers.withLock { $0[exact] }
    }

    /// Remembers `answer` for `key`.
    func remember(_ answer: String?, for key: String) {
        let exact = ExactText(key)
        answers.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[exact] = .some(answer)
        }
    }
}
