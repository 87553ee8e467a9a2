import Foundation

/// Everything that can go wrong when building or using an extractor.
///
/// ``description`` and `localizedDescription` (through `LocalizedError`)
/// give the same one-line message, naming the file and line where one applies:
/// `my.tsv:3: unknown label 'DRUG' (expected HOSPITAL, DEPARTMENT, PROCEDURE or IGNORE)`.
public enum MedExtractError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// A built-in resource file is missing from the bundle.
    case missingResource(name: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A file is not valid UTF-8; `byteOffset` is where the first invalid byte is.
    case invalidUTF8(path: String, byteOffset: Int)
    /// A dictionary line is malformed.
    case malformedDictionaryLine(path: String, line: Int, reason: String)
    /// ICU's word break iterator could not be opened (ICU error code).
    case segmenterUnavailable(locale: String, code: Int)

    /// A readable one-line description naming the file and line where it applies.
    public var description: String {
        switch self {
        case .missingResource(let name):
            "built-in resource '\(name)' is missing from the MedExtract bundle"
        case .unreadableFile(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .invalidUTF8(let path, let byteOffset):
            "\(path): invalid UTF-8 at byte offset \(byteOffset)"
        case .malformedDictionaryLine(let path, let line, let reason):
            "\(path):\(line): \(reason)"
        case .segmenterUnavailable(let locale, let code):
            "ICU word break iterator for locale '\(locale)' could not be opened (ICU error \(code))"
        }
    }

    /// The same message as ``description``, for `localizedDescription`.
    public var errorDescription: String? { description }
}
