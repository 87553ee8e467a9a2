import Foundation
import MedExtract

/// How standard input is read.
public enum StandardInputFormat: String, Sendable, CaseIterable {
    /// The whole of standard input is one plain-text document with id `stdin`.
    case text
    /// Standard input is JSONL: one `{"id": ..., "text": ...}` object a line.
    case jsonl
}

/// Reads documents from the paths given on the command line, in order:
/// `.jsonl` files line by line, other files whole as plain text, directories
/// recursively (their `.txt` and `.jsonl` files, sorted by path), and `-` for
/// standard input. Failures are reported as items and reading goes on.
public struct DocumentSource: Sendable {
    /// The paths to read; empty means standard input.
    public var paths: [String]
    /// How `-` (standard input) is read.
    public var standardInputFormat: StandardInputFormat
    /// Replace invalid UTF-8 with U+FFFD instead of rejecting the input.
    public var lossy: Bool

    /// Creates a source.
    public init(paths: [String], standardInputFormat: StandardInputFormat = .text, lossy: Bool = false) {
        self.paths = paths
        self.standardInputFormat = standardInputFormat
        self.lossy = lossy
    }

    /// Calls `body` with every document or failure, in input order.
    public func forEach(_ body: (InputItem) throws -> Void) rethrows {
        try forEachPending { pending in try body(resolve(pending)) }
    }

    /// Calls `body` with every input in order, JSONL lines still unparsed,
    /// so that the (thread-safe) ``resolve(_:)`` can run on worker threads.
    func forEachPending(_ body: (PendingInput) throws -> Void) rethrows {
        for path in paths.isEmpty ? ["-"] : paths {
            if path == "-" {
                switch standardInputFormat {
                case .text: try body(.ready(readText(handle: FileHandle.standardInput, path: "-", id: "stdin")))
                case .jsonl: try readJSONL(handle: FileHandle.standardInput, path: "-", body)
                }
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                try body(.ready(.failure(InputFailure(path: path, reason: "no such file or directory"))))
                continue
            }
            if isDirectory.boolValue {
                let files = Self.inputFiles(in: path)
                if files.isEmpty {
                    try body(.ready(.failure(InputFailure(path: path, reason: "directory contains no .txt or .jsonl files"))))
                }
                for file in files { try readFile(file, body) }
            } else {
                try readFile(path, body)
            }
        }
    }

    /// The `.txt` and `.jsonl` files below a directory, sorted by path.
    static func inputFiles(in directory: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let lower = relative.lowercased()
            guard lower.hasSuffix(".txt") || lower.hasSuffix(".jsonl") else { continue }
            let full = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(full)
            }
        }
        return files.sorted()
    }

    private func readFile(_ path: String, _ body: (PendingInput) throws -> Void) rethrows {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            try body(.ready(.failure(InputFailure(path: path, reason: FileManager.default.isReadableFile(atPath: path) ? "cannot open" : "permission denied"))))
            return
        }
        defer { try? handle.close() }
        if path.lowercased().hasSuffix(".jsonl") {
            try readJSONL(handle: handle, path: path, body)
        } else {
            let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            try body(.ready(readText(handle: handle, path: path, id: id)))
        }
    }

    private func readText(handle: FileHandle, path: String, id: String) -> InputItem {
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            return .failure(InputFailure(path: path, reason: "cannot read: \(Self.describe(error))"))
        }
        switch decode(data) {
        case .success(let text): return .document(InputDocument(id: id, text: text, origin: path, inputByteCount: data.count))
        case .failure(let reason): return .failure(InputFailure(path: path, reason: reason))
        }
    }

    private func readJSONL(handle: FileHandle, path: String, _ body: (PendingInput) throws -> Void) rethrows {
        let reader = LineReader(handle: handle)
        var lineNumber = 0
        while true {
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
            try body(.jsonLine(line, path: path, lineNumber: lineNumber, byteOffset: reader.lineStart))
        }
    }

    /// The document or failure a pending input stands for (parses JSONL lines).
    func resolve(_ pending: PendingInput) -> InputItem {
        switch pending {
        case .ready(let item): item
        case .jsonLine(let line, let path, let lineNumber, let byteOffset):
            parseJSONLine(line, path: path, lineNumber: lineNumber, byteOffset: byteOffset)
        }
    }

    /// Parses one JSONL line; `byteOffset` is where the line starts in the
    /// file, so that errors name the file's byte offset (else the line's).
    func parseJSONLine(_ line: [UInt8], path: String, lineNumber: Int, byteOffset: Int? = nil) -> InputItem {
        func failure(_ reason: String) -> InputItem {
            .failure(InputFailure(path: path, line: lineNumber, reason: reason))
        }
        func position(_ offset: Int) -> String {
            guard let byteOffset else { return "byte offset \(offset) of the line" }
            return "byte offset \(byteOffset + offset) (offset \(offset) in the line"
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
            let stem = path == "-" ? "stdin" : ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            id = "\(stem):\(lineNumber)"
        case let value as String:
            id = value
        default:
            return failure("\"id\" is not a string")
        }
        return .document(InputDocument(id: id, text: text, origin: "\(path):\(lineNumber)", inputByteCount: line.count + 1))
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

    private enum Decoded {
        case success(String)
        case failure(String)
    }

    private func decode(_ data: Data) -> Decoded {
        if !lossy, let offset = data.withUnsafeBytes({ UTF8Validation.firstInvalidOffset($0.bindMemory(to: UInt8.self)) }) {
            return .failure("invalid UTF-8 at byte offset \(offset) (use --lossy to replace invalid bytes with U+FFFD)")
        }
        return .success(String(decoding: data, as: UTF8.self))
    }
}

/// An input read but not yet parsed: JSONL lines are parsed later, possibly
/// on another thread (see ``DocumentSource/resolve(_:)``).
enum PendingInput: Sendable {
    /// A document or failure known at reading time.
    case ready(InputItem)
    /// One non-blank JSONL line, its file, 1-based line number and the byte
    /// offset where the line starts in the file.
    case jsonLine([UInt8], path: String, lineNumber: Int, byteOffset: Int?)

    /// The bytes this input holds (for bounding memory).
    var byteCount: Int {
        switch self {
        case .ready(.document(let document)): document.text.utf8.count
        case .ready(.failure): 0
        case .jsonLine(let line, _, _, _): line.count
        }
    }
}
