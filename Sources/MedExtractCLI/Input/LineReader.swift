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

    /// What ``readSome()`` reads into: 64 KiB (or the block size, if smaller).
    private var scratch: [UInt8]

    init(handle: FileHandle, blockSize: Int = 1 << 20) {
        self.handle = handle
        self.blockSize = max(blockSize, 1)
        scratch = [UInt8](repeating: 0, count: min(self.blockSize, 1 << 16))
    }

    /// The next line's bytes without its `\n` (and `\r`), or nil at the end.
    /// A line longer than a block is not copied: the buffer it was read
    /// into becomes the line, so a huge one-line document is held once.
    func nextLine() throws -> [UInt8]? {
        while true {
            if let newline = Self.firstNewline(in: buffer, from: max(scanned, position)) {
                lineStart = bufferStart + position
                var line: [UInt8]
                if newline - position >= blockSize {
                    line = takeBuffer(lineEnd: newline, restFrom: newline + 1)
                } else {
                    line = Array(buffer[position ..< newline])
                    position = newline + 1
                    scanned = position
                    compact()
                }
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
            scanned = buffer.count
            if atEnd {
                guard position < buffer.count else { return nil }
                lineStart = bufferStart + position
                var line = takeBuffer(lineEnd: buffer.count, restFrom: buffer.count)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return line
            }
            if try readSome() == 0 { atEnd = true }
        }
    }

    /// Whether the next ``nextLine()`` would wait for input: no whole line
    /// is buffered and none can be read without blocking (a pipe or a
    /// terminal with nothing written yet; a regular file never waits).
    /// The reader of a stream hands on what it has before it waits.
    func wouldWait() -> Bool {
        guard !atEnd else { return false }
        if let newline = Self.firstNewline(in: buffer, from: max(scanned, position)) {
            // Bytes before it are not line ends: the next search starts there.
            scanned = newline
            return false
        }
        scanned = buffer.count
        var descriptor = pollfd(fd: handle.fileDescriptor, events: Int16(POLLIN), revents: 0)
        // Ready (data, end of input or an error to report) or poll failing: no wait.
        return poll(&descriptor, 1, 0) == 0
    }

    /// Reads what the input has, up to one scratch block, onto the end of
    /// `buffer` with one `read(2)`, and returns the number of bytes read (0
    /// at the end of the input). A pipe gives what has been written so far,
    /// so a line is handed on as soon as it arrives (Foundation's
    /// `read(upToCount:)` waits for the whole count).
    private func readSome() throws -> Int {
        let descriptor = handle.fileDescriptor
        let count = scratch.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            var n: Int
            repeat {
                n = read(descriptor, base, raw.count)
            } while n < 0 && errno == EINTR
            return n
        }
        guard count >= 0 else { throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno)) }
        buffer.append(contentsOf: scratch[0 ..< count])
        return count
    }

    /// Hands the buffer over as the line `position ..< lineEnd`, keeping the
    /// bytes from `restFrom` on as the new buffer.
    private func takeBuffer(lineEnd: Int, restFrom: Int) -> [UInt8] {
        let rest = Array(buffer[restFrom...])
        buffer.removeSubrange(lineEnd...)
        if position > 0 { buffer.removeSubrange(0 ..< position) }
        var line = rest
        swap(&line, &buffer)
        bufferStart += restFrom
        position = 0
        scanned = 0
        return line
    }

    /// The index of the first `\n` in `bytes` from `start` on, with `memchr`.
    private static func firstNewline(in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base + start, 0x0A, buffer.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
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
