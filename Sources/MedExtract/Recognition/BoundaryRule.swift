/// A check a label's recogniser registers with ``DictionaryRecognizer`` so
/// that dictionary matches of that label obey the same word boundaries as the
/// label's rule, without the dictionary recogniser knowing any label.
///
/// `骨科` is not a department inside `骨科学`; `活检` is not a procedure inside
/// `活检针`: the department and procedure rules register a boundary rule that
/// says so.
public protocol BoundaryRule: Sendable {
    /// The label whose dictionary matches this rule checks.
    var label: EntityLabel { get }

    /// Whether a span `start ..< end` of ``label`` must be dropped because it
    /// starts or ends inside another word.
    func rejects(start: Int, end: Int, in context: RecognitionContext) -> Bool
}

extension RecognitionContext {
    /// Whether a lexicon match of `ruleClass` spans exactly `start ..< end`.
    public func hasMatch(from start: Int, to end: Int, in ruleClass: RuleClass) -> Bool {
        matches(endingAt: end).contains { $0.start == start && $0.value.isIn(ruleClass) }
    }
}
