import Foundation

/// Reads a file or standard input line by line in fixed-size blocks, so a
/// huge JSONL file is never held in memory whole.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private let blockSize: Int

    init(handle: FileHandle, blockSize: Int = 1 << 20) {
        self.handle = handle
        self.blockSize = blockSize
    }

    /// The next line's bytes without its `\n` (and `\r`), or nil at the end.
    func nextLine() throws -> [UInt8]? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[position ..< newline])
                position = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                compact()
                return line
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                var line = Array(buffer[position...])
                position = buffer.count
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
            let data = try handle.read(upToCount: blockSize) ?? Data()
            if data.isEmpty { atEnd = true } else { buffer.append(contentsOf: data) }
        }
    }

    private func compact() {
        if position > blockSize {
            buffer.removeSubrange(0 ..< position)
            position = 0
        }
    }
}
