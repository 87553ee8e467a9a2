import Foundation
import MedExtract

/// How an input is read (`--input`).
public enum StandardInputFormat: String, Sendable, CaseIterable {
    /// The whole input is one plain-text document (id `stdin` on standard input).
    case text
    /// JSONL: one `{"id": ..., "text": ...}` object a line.
    case jsonl
    /// One JSON array of `{"id": ..., "text": ...}` objects.
    case json
}

/// Reads documents from the paths given on the command line, in order:
/// `.jsonl` and `.ndjson` files line by line, `.json` files as one array,
/// other files whole as plain text, directories recursively (their `.txt`,
/// `.jsonl`, `.ndjson` and `.json` files, sorted by path, symbolic links
/// followed with loop detection), and `-` for standard input. Failures
/// (including unreadable subdirectories) are reported as items and reading
/// goes on.
public struct DocumentSource: Sendable {
    /// The paths to read; empty means standard input.
    public var paths: [String]
    /// How `-` (standard input) is read when ``format`` is nil.
    public var standardInputFormat: StandardInputFormat
    /// When set, how every path named on the command line (not the files
    /// found in a directory) and standard input are read, whatever their
    /// name: `--input jsonl <(…)` reads the pipe as JSONL.
    public var format: StandardInputFormat?
    /// Replace invalid input with U+FFFD instead of rejecting it.
    public var lossy: Bool
    /// The character encoding of plain-text inputs (nil: UTF-8, or UTF-16
    /// when the input starts with a UTF-16 byte-order mark).
    public var encoding: InputEncoding?

    /// Creates a source.
    public init(paths: [String], standardInputFormat: StandardInputFormat = .text, format: StandardInputFormat? = nil, lossy: Bool = false, encoding: InputEncoding? = nil) {
        self.paths = paths
        self.standardInputFormat = standardInputFormat
        self.format = format
        self.lossy = lossy
        self.encoding = encoding
    }

    /// Calls `body` with every document or failure, in input order.
    public func forEach(_ body: (InputItem) throws -> Void) rethrows {
        try forEachPending(whenWaiting: {}) { pending in try body(resolve(pending)) }
    }

    /// Calls `body` with every input in order, JSONL lines still unparsed,
    /// so that the (thread-safe) ``resolve(_:)`` can run on worker threads.
    /// `whenWaiting` runs each time reading JSONL is about to wait for input
    /// that has not arrived (a stream on a pipe), so that what was read can
    /// be handed on first.
    func forEachPending(whenWaiting: () throws -> Void, _ body: (PendingInput) throws -> Void) rethrows {
        for path in paths.isEmpty ? ["-"] : paths {
            if path == "-" {
                switch format ?? standardInputFormat {
                case .text: try body(.ready(readText(handle: FileHandle.standardInput, path: "-", id: "stdin")))
                case .jsonl: try readJSONL(handle: FileHandle.standardInput, path: "-", whenWaiting: whenWaiting, body)
                case .json: try readJSONArray(handle: FileHandle.standardInput, path: "-", body)
                }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                try body(.ready(.failure(InputFailure(path: path, reason: "no such file or directory"))))
                continue
            }
            if isDirectory.boolValue {
                let listing = DirectoryWalk.list(path)
                if listing.isEmpty {
                    try body(.ready(.failure(InputFailure(path: path, reason: "directory contains no .txt or .jsonl files"))))
                }
                for entry in listing {
                    switch entry {
                    case .file(let file): try readFile(file, format: nil, whenWaiting: whenWaiting, body)
                    case .failure(let failure): try body(.ready(.failure(failure)))
                    }
                }
            } else {
                try readFile(path, format: format, whenWaiting: whenWaiting, body)
            }
        }
    }

    /// The input files below a directory, sorted by path (unreadable parts skipped).
    static func inputFiles(in directory: String) -> [String] {
        DirectoryWalk.list(directory).compactMap { entry in
            if case .file(let file) = entry { return file }
            return nil
        }
    }

    /// How a file is read by its name: `.jsonl`/`.ndjson`, `.json`, else text.
    static func format(ofFileNamed path: String) -> StandardInputFormat {
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { return .jsonl }
        if lower.hasSuffix(".json") { return .json }
        return .text
    }

    private func readFile(_ path: String, format: StandardInputFormat?, whenWaiting: () throws -> Void, _ body: (PendingInput) throws -> Void) rethrows {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            try body(.ready(.failure(InputFailure(path: path, reason: FileManager.default.isReadableFile(atPath: path) ? "cannot open" : "permission denied"))))
            return
        }
        defer { try? handle.close() }
        switch format ?? Self.format(ofFileNamed: path) {
        case .jsonl: try readJSONL(handle: handle, path: path, whenWaiting: whenWaiting, body)
        case .json: try readJSONArray(handle: handle, path: path, body)
        case .text:
            try body(.ready(readText(handle: handle, path: path, id: Self.stem(of: path))))
        }
    }

    private func readText(handle: FileHandle, path: String, id: String) -> InputItem {
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            return .failure(InputFailure(path: path, reason: "cannot read: \(Self.describe(error))"))
        }
        switch TextDecoding.decode(data, encoding: encoding, lossy: lossy) {
        case .success(let text): return .document(InputDocument(id: id, text: text, origin: path, inputByteCount: data.count))
        case .failure(let reason): return .failure(InputFailure(path: path, reason: reason))
        }
    }

    private func readJSONL(handle: FileHandle, path: String, whenWaiting: () throws -> Void, _ body: (PendingInput) throws -> Void) rethrows {
        let reader = LineReader(handle: handle)
        // The stem of ids `stem:line`, worked out once for the file (the path
        // functions cost thousands of instructions a call).
        let stem = Self.stem(of: path)
        var lineNumber = 0
        while true {
            if reader.wouldWait() { try whenWaiting() }
            let line: [UInt8]
            do {
                guard let next = try reader.nextLine() else { break }
                line = next
            } catch {
                try body(.ready(.failure(InputFailure(path: path, line: lineNumber + 1, reason: "cannot read: \(Self.describe(error))"))))
                break
            }
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            try body(.jsonLine(JSONLine(consume line), path: path, stem: stem, lineNumber: lineNumber, byteOffset: reader.lineStart))
        }
    }

    /// Reads a `.json` file: one array of `{"id", "text"}` objects. Each
    /// element becomes a document (id `stem:N` when it has none) or a failure
    /// naming the element.
    private func readJSONArray(handle: FileHandle, path: String, _ body: (PendingInput) throws -> Void) rethrows {
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            try body(.ready(.failure(InputFailure(path: path, reason: "cannot read: \(Self.describe(error))"))))
            return
        }
        var bytes = [UInt8](data)
        if let offset = UTF8Validation.firstInvalidOffset(bytes) {
            guard lossy else {
                try body(.ready(.failure(InputFailure(path: path, reason: "invalid UTF-8 at byte offset \(offset); use --lossy to replace invalid bytes with U+FFFD"))))
                return
            }
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            try body(.ready(.failure(InputFailure(path: path, reason: "not valid JSON" + Self.jsonErrorDetail(error)))))
            return
        }
        guard let array = object as? [Any] else {
            try body(.ready(.failure(InputFailure(path: path, reason: "expected a JSON array of {\"id\", \"text\"} objects"))))
            return
        }
        let stem = Self.stem(of: path)
        for (n, element) in array.enumerated() {
            try body(.ready(Self.document(from: element, path: path, element: n + 1, defaultID: "\(stem):\(n + 1)")))
        }
    }

    /// A document from one element of a JSON array.
    static func document(from element: Any, path: String, element number: Int, defaultID: String) -> InputItem {
        func failure(_ reason: String) -> InputItem {
            .failure(InputFailure(path: path, reason: "element \(number): \(reason)"))
        }
        guard let dictionary = element as? [String: Any] else { return failure("expected a JSON object") }
        guard let rawText = dictionary["text"] else { return failure("missing \"text\"") }
        guard let text = rawText as? String else { return failure("\"text\" is not a string") }
        let id: String
        switch dictionary["id"] {
        case nil, is NSNull: id = defaultID
        case let value as String: id = value
        default: return failure("\"id\" is not a string")
        }
        return .document(InputDocument(id: id, text: text, origin: "\(path)[\(number)]", inputByteCount: nil))
    }

    /// The document or failure a pending input stands for (parses JSONL lines).
    func resolve(_ pending: PendingInput) -> InputItem {
        switch pending {
        case .ready(let item): item
        case .jsonLine(let line, let path, let stem, let lineNumber, let byteOffset):
            parseJSONLine(line.take(), path: path, stem: stem, lineNumber: lineNumber, byteOffset: byteOffset)
        }
    }

    /// Parses one JSONL line; `byteOffset` is where the line starts in the
    /// file, so that errors name the file's byte offset (else the line's);
    /// `stem` is the path's ``stem(of:)`` when the caller has it.
    func parseJSONLine(_ line: [UInt8], path: String, stem: String? = nil, lineNumber: Int, byteOffset: Int? = nil) -> InputItem {
        func failure(_ reason: String) -> InputItem {
            .failure(InputFailure(path: path, line: lineNumber, reason: reason))
        }
        func position(_ offset: Int) -> String {
            guard let byteOffset else { return "byte offset \(offset) of the line" }
            return "byte offset \(byteOffset + offset) (offset \(offset) in the line"
        }
        if let fields = line.withUnsafeBufferPointer(JSONLineFields.read) {
            // The common shape in valid UTF-8, read without Foundation (same result).
            return .document(InputDocument(
                id: fields.id ?? Self.defaultID(stem: stem ?? Self.stem(of: path), lineNumber: lineNumber), text: fields.text,
                origin: "\(path):\(lineNumber)", inputByteCount: line.count + 1))
        }
        var bytes = line
        if let offset = UTF8Validation.firstInvalidOffset(line) {
            guard lossy else {
                return failure("invalid UTF-8 at \(position(offset)); use --lossy to replace invalid bytes with U+FFFD" + (byteOffset == nil ? "" : ")"))
            }
            bytes = Array(String(decoding: line, as: UTF8.self).utf8)
        }
        if let escaped = JSONByteOrderMarks.escaped(bytes) { bytes = escaped }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            // Lone surrogate escapes (`"\ud800"`) are valid JSON no String can hold.
            let lone = JSONSurrogates.loneEscapes(in: bytes)
            guard let first = lone.first else { return failure("not valid JSON" + Self.jsonErrorDetail(error)) }
            guard lossy else {
                return failure("unpaired UTF-16 surrogate escape at \(position(first)); use --lossy to replace it with U+FFFD" + (byteOffset == nil ? "" : ")"))
            }
            do {
                object = try JSONSerialization.jsonObject(with: Data(JSONSurrogates.repaired(bytes, lone: lone)), options: [.fragmentsAllowed])
            } catch {
                return failure("not valid JSON" + Self.jsonErrorDetail(error))
            }
        }
        guard let dictionary = object as? [String: Any] else { return failure("expected a JSON object") }
        guard let rawText = dictionary["text"] else { return failure("missing \"text\"") }
        guard let text = rawText as? String else { return failure("\"text\" is not a string") }
        let id: String
        switch dictionary["id"] {
        case nil, is NSNull:
            id = Self.defaultID(stem: stem ?? Self.stem(of: path), lineNumber: lineNumber)
        case let value as String:
            id = value
        default:
            return failure("\"id\" is not a string")
        }
        return .document(InputDocument(id: id, text: text, origin: "\(path):\(lineNumber)", inputByteCount: line.count + 1))
    }

    /// The id of a JSONL document without one: `stem:line`.
    static func defaultID(stem: String, lineNumber: Int) -> String {
        "\(stem):\(lineNumber)"
    }

    /// What ids made from a file's name start with: the file name without
    /// its directory and extension (`a/b/notes.jsonl` → `notes`); `stdin`
    /// for `-`.
    static func stem(of path: String) -> String {
        path == "-" ? "stdin" : ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    /// A readable reason for a read error: the underlying POSIX error when
    /// Foundation wraps one (`Input/output error`, not `error 256`).
    static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            if underlying.domain == NSPOSIXErrorDomain, let message = strerror(Int32(underlying.code)) {
                return String(cString: message)
            }
            return underlying.localizedDescription
        }
        if nsError.domain == NSPOSIXErrorDomain, let message = strerror(Int32(nsError.code)) {
            return String(cString: message)
        }
        return nsError.localizedDescription
    }

    /// `: reason` from a JSON parser error, or nothing.
    static func jsonErrorDetail(_ error: any Error) -> String {
        let nsError = error as NSError
        guard let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String, !detail.isEmpty else { return "" }
        return ": " + detail
    }
}

/// An input read but not yet parsed: JSONL lines are parsed later, possibly
/// on another thread (see ``DocumentSource/resolve(_:)``).
enum PendingInput: Sendable {
    /// A document or failure known at reading time.
    case ready(InputItem)
    /// One non-blank JSONL line, its file, the stem of its default ids
    /// (``DocumentSource/stem(of:)``), its 1-based line number and the byte
    /// offset where the line starts in the file.
    case jsonLine(JSONLine, path: String, stem: String, lineNumber: Int, byteOffset: Int?)

    /// The bytes this input holds (for bounding memory).
    var byteCount: Int {
        switch self {
        case .ready(.document(let document)): document.text.utf8.count
        case .ready(.failure): 0
        case .jsonLine(let line, _, _, _, _): line.count
        }
    }
}

/// The bytes of one JSONL line, handed to the one thread that parses it:
/// ``take()`` moves them out, so that the line is freed once parsed and is
/// not held (beside its document) while the document is extracted.
final class JSONLine: @unchecked Sendable {
    private var bytes: [UInt8]
    /// The line's length in bytes (without its line end).
    let count: Int

    init(_ bytes: consuming [UInt8]) {
        self.bytes = bytes
        count = self.bytes.count
    }

    /// The bytes, once; empty afterwards (a pending input is resolved once,
    /// by one thread).
    func take() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &bytes)
        return out
    }
}
