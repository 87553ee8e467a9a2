/// A gold or prediction file that cannot be scored: the file, the line when
/// one line is at fault, and the reason. It reads `path:line: reason`, the
/// same shape as the command-line tool's input failures.
public struct ScoringFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// The 1-based line, when one line is at fault.
    public var line: Int?
    /// What was wrong.
    public var reason: String

    /// Creates an error.
    public init(path: String, line: Int? = nil, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    /// `path:line: reason`, or `path: reason` for the whole file.
    public var description: String {
        if let line { return "\(path):\(line): \(reason)" }
        return "\(path): \(reason)"
    }
}
