import Foundation

/// Reads a file or standard input line by line in fixed-size blocks, so a
/// huge JSONL file is never held in memory whole.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    /// Where the search for the next `\n` resumes: bytes before it, from
    /// `position` on, are known not to be `\n`, so a long line is scanned once.
    private var scanned = 0
    private var atEnd = false
    private let blockSize: Int
    /// The number of bytes of the input before `buffer[0]`.
    private var bufferStart = 0

    /// The byte offset in the input of the first byte of the line last
    /// returned by ``nextLine()``.
    private(set) var lineStart = 0

    init(handle: FileHandle, blockSize: Int = 1 << 20) {
        self.handle = handle
        self.blockSize = max(blockSize, 1)
    }

    /// The next line's bytes without its `\n` (and `\r`), or nil at the end.
    func nextLine() throws -> [UInt8]? {
        while true {
            if let newline = buffer[max(scanned, position)...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[position ..< newline])
                lineStart = bufferStart + position
                position = newline + 1
                scanned = position
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                compact()
                return line
            }
            scanned = buffer.count
            if atEnd {
                guard position < buffer.count else { return nil }
                var line = Array(buffer[position...])
                lineStart = bufferStart + position
                position = buffer.count
                scanned = position
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
            bufferStart += position
            scanned -= position
            position = 0
        }
    }
}
