/// The structural rules the extractor runs, in order, and the boundary rules
/// they lend the dictionary recogniser.
enum RuleSet {
    /// Boundary rules of the labels that have them: a dictionary match obeys
    /// the same word boundaries as the label's rule.
    static var boundaryRules: [any BoundaryRule] { [DepartmentBoundary(), ProcedureBoundary()] }
}
