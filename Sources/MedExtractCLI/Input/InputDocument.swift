/// One document read from an input.
public struct InputDocument: Sendable {
    /// The document id: a `.txt` file's name without extension, a JSONL
    /// object's `id`.
    public var id: String
    /// The raw text.
    public var text: String
    /// Where it came from (`path` or `path:line`), for messages.
    public var origin: String
    /// How many bytes of input the document was read from (a text file's
    /// size, a JSONL line's length with its line end); `nil` when unknown.
    public var inputByteCount: Int? = nil
    /// The size of the text in UTF-8 bytes (for progress and throughput).
    public var byteCount: Int { text.utf8.count }
}

/// An input that could not be read or parsed; the rest go on.
public struct InputFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or `-` for standard input).
    public var path: String
    /// The 1-based line, for line-oriented inputs.
    public var line: Int?
    /// What was wrong.
    public var reason: String

    /// `path:line: reason`.
    public var description: String {
        if let line { return "\(path):\(line): \(reason)" }
        return "\(path): \(reason)"
    }
}

/// A document or the failure to read one, in input order.
public enum InputItem: Sendable {
    /// A document to extract from.
    case document(InputDocument)
    /// An input that could not be read.
    case failure(InputFailure)
}
