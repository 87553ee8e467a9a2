import Foundation

/// An output that could not be opened or written: the path (`-` for
/// standard output) and why, printed as `medextract: path: reason`.
struct OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The output file, or `-` for standard output.
    var path: String
    /// What went wrong.
    var reason: String
    /// The `errno` behind it, when a system call failed.
    var errorNumber: Int32? = nil
    /// Whether only one document's output failed (a brat file), so the run
    /// goes on with the next document.
    var documentOnly = false

    /// Whether the reader of a pipe went away (`EPIPE`): a filter then stops
    /// quietly.
    var isBrokenPipe: Bool { errorNumber == EPIPE }

    /// `path: reason`, standard output named as such.
    var description: String { "\(path == "-" ? "standard output" : path): \(reason)" }

    /// The system's message for an `errno` value (`No space left on device`).
    static func systemReason(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message)
    }
}
