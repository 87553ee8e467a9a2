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

    /// The entity's span in this unit, in `text` (the document the entity
    /// was found in).
    func span(of entity: Entity, in text: String) -> Range<Int> {
        switch self {
        case .scalar: entity.scalarOffsets
        case .utf16: entity.utf16Offsets
        case .utf8:
            // O(1) on a native (UTF-8) string.
            text.utf8.distance(from: text.utf8.startIndex, to: entity.range.lowerBound)
                ..< text.utf8.distance(from: text.utf8.startIndex, to: entity.range.upperBound)
        }
    }
}
