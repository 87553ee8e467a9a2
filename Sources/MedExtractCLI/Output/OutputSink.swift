import Foundation

/// Buffered writing to standard output, standard error, a file, or memory.
final class OutputSink {
    private var buffer: [UInt8] = []
    private let handle: FileHandle?
    private let limit: Int
    /// Everything written so far, when the sink collects into memory.
    private(set) var collected: [UInt8] = []

    init(handle: FileHandle, limit: Int = 1 << 16) {
        self.handle = handle
        self.limit = limit
        buffer.reserveCapacity(limit)
    }

    /// A sink that keeps what is written in ``collected`` (for tests).
    init(collecting limit: Int = 1 << 16) {
        self.handle = nil
        self.limit = limit
    }

    static func standardOutput() -> OutputSink { OutputSink(handle: .standardOutput) }

    /// A sink writing to a new (truncated) file, or standard output for `nil` or `-`.
    /// - Throws: ``OutputError`` when the file cannot be created.
    static func create(_ path: String?) throws(OutputError) -> OutputSink {
        guard let path, path != "-" else { return standardOutput() }
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw OutputError(path: path, reason: "cannot create file")
        }
        return OutputSink(handle: handle)
    }

    /// What a collecting sink holds, as text (after a flush).
    var collectedText: String { String(decoding: collected, as: UTF8.self) }

    func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= limit { flush() }
    }

    func writeLine(_ string: String) {
        write(string)
        write("\n")
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        if let handle {
            handle.write(Data(buffer))
        } else {
            collected.append(contentsOf: buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Writes one line to standard error at once.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
