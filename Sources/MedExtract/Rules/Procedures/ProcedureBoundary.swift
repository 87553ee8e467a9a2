/// The right boundary of procedure names, shared by ``ProcedureRecognizer``
/// and (as a ``BoundaryRule``) the dictionary matches of procedures: a name
/// ending in a Chinese character must end the word, so `活检针`, `检查组`,
/// `治疗室`, `治疗中心` hold no procedure (class `procedure-continuation`: single
/// characters and two-character words such as `中心`, so `手术中` still ends one). Latin names
/// (`CT`) never continue here.
struct ProcedureBoundary: BoundaryRule {
    /// Creates the rule.
    public init() {}

    /// ``EntityLabel/procedure``.
    public var label: EntityLabel { .procedure }

    /// Whether a procedure span must be dropped.
    public func rejects(start: Int, end: Int, in context: RecognitionContext) -> Bool {
        // `5G远程手术示教`: a technology, not a procedure.
        if context.matches(endingAt: start).contains(where: { $0.value.isIn(.technologyPrefix) }) { return true }
        guard end < context.units.count, end > 0, CodeUnitClass.isIdeograph(context.units[end - 1]) else { return false }
        return Self.continues(context, at: end)
    }

    /// Whether a continuation word (`室`, `中心`) starts at `position`.
    static func continues(_ context: RecognitionContext, at position: Int) -> Bool {
        var end = position + 1
        while end <= context.units.count, end - position <= 2 {
            if context.hasMatch(from: position, to: end, in: .procedureContinuation) { return true }
            end += 1
        }
        return false
    }
}
