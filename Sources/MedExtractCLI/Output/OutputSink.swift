import Foundation

/// Buffered writing to standard output or standard error.
final class OutputSink {
    private var buffer: [UInt8] = []
    private let handle: FileHandle
    private let limit: Int

    init(handle: FileHandle, limit: Int = 1 << 16) {
        self.handle = handle
        self.limit = limit
        buffer.reserveCapacity(limit)
    }

    static func standardOutput() -> OutputSink { OutputSink(handle: .standardOutput) }

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
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Writes one line to standard error at once.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
