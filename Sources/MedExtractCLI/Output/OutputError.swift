/// An output that could not be opened or written: the path (`-` for
/// standard output) and why, printed as `medextract: path: reason`.
struct OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The output file, or `-` for standard output.
    var path: String
    /// What went wrong.
    var reason: String

    /// `path: reason`.
    var description: String { "\(path): \(reason)" }
}
