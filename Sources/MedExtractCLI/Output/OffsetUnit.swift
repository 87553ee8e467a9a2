import ArgumentParser
import MedExtract

/// What the `start` and `end` of JSONL and JSON output count.
public enum OffsetUnit: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Unicode scalars (code points): Python's `text[start:end]`. The default.
    case scalar
    /// UTF-16 code units: JavaScript, `NSString`, Java, doccano.
    case utf16
    /// UTF-8 bytes: byte offsets into the document's UTF-8 text (Rust, Go, C).
    case utf8

    /// The spans of `entities` in this unit, in `text` (the document they
    /// were found in), computed in one pass over it.
    func spans(of entities: [Entity], in text: String) -> [Range<Int>] {
        switch self {
        case .scalar: entities.map(\.scalarOffsets)
        case .utf16: Entity.utf16Spans(of: entities, in: text)
        case .utf8: Entity.utf8Spans(of: entities, in: text)
        }
    }
}
