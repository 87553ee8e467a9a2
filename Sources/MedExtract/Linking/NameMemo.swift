import Synchronization

/// Answers of the linking pass that depend on a name alone, remembered across
/// documents and threads.
///
/// ``DocumentLinker/fullName(of:hint:)`` places every dictionary hospital
/// whose name ends like an unknown one (`…人民医院`: thousands of them) with
/// the document-independent rules, and expands the same unknown names in
/// document after document, and places the same names by their words in
/// document after document (``DocumentLinker/placeCode(of:hint:chain:mainCode:document:)``,
/// up to the rules that read the document); each answer depends only on its
/// key, so each is computed once. At most ``capacity`` keys are kept; past that the memo
/// starts again, so memory stays bounded on any corpus.
final class NameMemo<Answer: Sendable>: Sendable {
    /// The most keys remembered at once.
    static var capacity: Int { 200_000 }

    /// Keyed by the names' bytes (``ExactText``: no canonical-equivalence
    /// hashing under the lock) and the codes asked with them.
    private let answers = Mutex<[NameKey: Answer]>([:])

    /// The remembered answer for `key`, or `compute(key)` remembered.
    func answer(for key: NameKey, compute: (String) -> Answer) -> Answer {
        if let known = known(key) { return known }
        let answer = compute(key.name.string)
        remember(answer, for: key)
        return answer
    }

    /// The answer remembered for `key`, or nil when none is (for an
    /// optional answer: `.some(answer)`, which may be nil).
    ///
    /// With ``remember(_:for:)``, for callers whose computation captures a
    /// large value: a closure passed to ``answer(for:compute:)`` is formed
    /// (and its captures copied) even when the answer is known.
    func known(_ key: NameKey) -> Answer? {
        answers.withLock { $0[key] }
    }

    /// Remembers `answer` for `key`.
    func remember(_ answer: Answer, for key: NameKey) {
        answers.withLock { table in
            if table.count >= Self.capacity { table.removeAll(keepingCapacity: true) }
            table[key] = answer
        }
    }
}

/// The key of a ``NameMemo``: a name (compared byte for byte) and the codes
/// it was asked with (division codes: digits).
struct NameKey: Hashable, Sendable {
    let name: ExactText
    let hint: String?
    let province: String?

    /// The key of `name` asked with `hint` and `province`.
    init(_ name: String, hint: String? = nil, province: String? = nil) {
        self.name = ExactText(name)
        self.hint = hint
        self.province = province
    }
}

