/// The right boundary of procedure names, shared by ``ProcedureRecognizer``
/// and (as a ``BoundaryRule``) the dictionary matches of procedures: a name
/// ending in a Chinese character must end the word, so `活检针`, `检查组`,
/// `治疗室` hold no procedure (class `procedure-continuation`). Latin names
/// (`CT`) never continue here.
public struct ProcedureBoundary: BoundaryRule {
    /// Creates the rule.
    public init() {}

    /// ``EntityLabel/procedure``.
    public var label: EntityLabel { .procedure }

    /// Whether a procedure span must be dropped.
    public func rejects(start: Int, end: Int, in context: RecognitionContext) -> Bool {
        guard end < context.units.count, end > 0, CodeUnitClass.isIdeograph(context.units[end - 1]) else { return false }
        return Self.continues(context, at: end)
    }

    /// Whether the character at `position` continues the word before it.
    static func continues(_ context: RecognitionContext, at position: Int) -> Bool {
        position < context.units.count && context.hasMatch(from: position, to: position + 1, in: .procedureContinuation)
    }
}
