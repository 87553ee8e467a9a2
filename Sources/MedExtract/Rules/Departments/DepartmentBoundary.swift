/// The word boundaries of department names, shared by ``DepartmentRecognizer``
/// and (as a ``BoundaryRule``) the dictionary matches of departments:
///
/// - the name must end the word: `科学`, `部长`, `室友`, `中心城区` continue it
///   (class `department-continuation`), unless a `department-boundary` word
///   shows a new word starts right after (`外科学科` = `外科` + `学科`);
/// - a dictionary department never starts inside a hospital head: `医院工会`
///   is not `院工会`.
public struct DepartmentBoundary: BoundaryRule {
    /// Creates the rule.
    public init() {}

    /// ``EntityLabel/department``.
    public var label: EntityLabel { .department }

    /// Whether a department span must be dropped.
    public func rejects(start: Int, end: Int, in context: RecognitionContext) -> Bool {
        Self.continuesWord(context, end: end) || Self.startsInsideHospitalHead(start: start, end: end, context)
    }

    /// Whether the text after a department name ending at `end` makes its
    /// last character part of another word.
    static func continuesWord(_ context: RecognitionContext, end: Int) -> Bool {
        guard end > 0, end < context.units.count else { return false }
        guard context.hasMatch(from: end - 1, to: end + 1, in: .departmentContinuation) else { return false }
        return !context.hasMatch(from: end - 1, to: end + 2, in: .departmentBoundary)
    }

    private static func startsInsideHospitalHead(start: Int, end: Int, _ context: RecognitionContext) -> Bool {
        for p in (start + 1) ..< min(end, start + 3) {
            if context.matches(endingAt: p).contains(where: { $0.start < start && $0.value.isIn(.hospitalHead) }) { return true }
        }
        return false
    }
}
