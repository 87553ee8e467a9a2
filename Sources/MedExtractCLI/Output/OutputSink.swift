import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writing to standard output, a file, or memory.
///
/// A file is opened the way the shell's `>` opens it: `open(path,
/// O_WRONLY|O_CREAT|O_TRUNC, 0666)`, so a symlink is followed and its target
/// written, a FIFO or a device is written into, an existing file keeps its
/// mode, owner and hard links, and a new one gets the umask's mode. Every
/// `write(2)` is checked (short writes resumed, `EINTR` retried); a failure
/// throws ``OutputError`` naming the path and the system's reason.
final class OutputSink {
    private var buffer: [UInt8] = []
    /// The file descriptor, or nil when collecting into memory.
    private var descriptor: Int32?
    /// Whether ``close()`` closes the descriptor (not standard output's).
    private let ownsDescriptor: Bool
    /// The path in messages (`-` for standard output).
    let path: String
    private let limit: Int
    /// Everything written so far, when the sink collects into memory.
    private(set) var collected: [UInt8] = []

    init(descriptor: Int32, path: String, ownsDescriptor: Bool, limit: Int = 1 << 16) {
        self.descriptor = descriptor
        self.path = path
        self.ownsDescriptor = ownsDescriptor
        self.limit = limit
        buffer.reserveCapacity(limit)
    }

    /// A sink that keeps what is written in ``collected`` (for tests).
    init(collecting limit: Int = 1 << 16) {
        self.descriptor = nil
        self.path = "memory"
        self.ownsDescriptor = false
        self.limit = limit
    }

    static func standardOutput() -> OutputSink {
        OutputSink(descriptor: STDOUT_FILENO, path: "-", ownsDescriptor: false)
    }

    /// A sink writing into `path` as the shell's `>` does (created or
    /// truncated, links followed, mode kept), or standard output for `nil` or `-`.
    /// - Throws: ``OutputError`` with the system's reason when it cannot be opened.
    static func create(_ path: String?) throws(OutputError) -> OutputSink {
        guard let path, path != "-" else { return standardOutput() }
        guard !path.isEmpty else { throw OutputError(path: path, reason: "cannot create file: empty path") }
        var fd: Int32
        repeat {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else {
            throw OutputError(path: path, reason: "cannot create file: " + OutputError.systemReason(errno), errorNumber: errno)
        }
        return OutputSink(descriptor: fd, path: path, ownsDescriptor: true)
    }

    /// What a collecting sink holds, as text (after a flush).
    var collectedText: String { String(decoding: collected, as: UTF8.self) }

    func write(_ string: String) throws(OutputError) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= limit { try flush() }
    }

    /// Lets `body` append bytes to the buffer, then flushes it if full.
    func append(_ body: (inout [UInt8]) -> Void) throws(OutputError) {
        body(&buffer)
        if buffer.count >= limit { try flush() }
    }

    func writeLine(_ string: String) throws(OutputError) {
        try write(string)
        try write("\n")
    }

    /// Writes out the buffer.
    func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        guard let descriptor else {
            collected.append(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
            return
        }
        let failure = buffer.withUnsafeBytes { writeAll(descriptor, $0) }
        buffer.removeAll(keepingCapacity: true)
        if let failure {
            throw OutputError(path: path, reason: OutputError.systemReason(failure), errorNumber: failure)
        }
    }

    /// Flushes and closes a file (a late error such as a full disk on NFS
    /// shows at close); standard output is flushed only.
    func close() throws(OutputError) {
        try flush()
        guard let descriptor, ownsDescriptor else { return }
        self.descriptor = nil
        #if canImport(Darwin)
        let status = Darwin.close(descriptor)
        #elseif canImport(Musl)
        let status = Musl.close(descriptor)
        #else
        let status = Glibc.close(descriptor)
        #endif
        if status != 0 && errno != EINTR {
            throw OutputError(path: path, reason: OutputError.systemReason(errno), errorNumber: errno)
        }
    }

    deinit {
        if let descriptor, ownsDescriptor {
            #if canImport(Darwin)
            _ = Darwin.close(descriptor)
            #elseif canImport(Musl)
            _ = Musl.close(descriptor)
            #else
            _ = Glibc.close(descriptor)
            #endif
        }
    }
}

/// Writes one line to standard error at once, with `write(2)`: a closed or
/// broken standard error is ignored (there is nowhere left to report it).
func printError(_ message: String) {
    writeStandardError(message + "\n")
}

/// Writes text to standard error with `write(2)`, ignoring failures.
func writeStandardError(_ text: String) {
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { writeAll(STDERR_FILENO, $0) }
}

/// Writes all of `bytes` to `descriptor` with `write(2)`, again after an
/// interrupted or short write; returns the `errno` of a failure (`EIO` when
/// nothing could be written), or nil.
func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    guard var pointer = bytes.baseAddress else { return nil }
    var remaining = bytes.count
    while remaining > 0 {
        #if canImport(Darwin)
        let written = Darwin.write(descriptor, pointer, remaining)
        #elseif canImport(Musl)
        let written = Musl.write(descriptor, pointer, remaining)
        #else
        let written = Glibc.write(descriptor, pointer, remaining)
        #endif
        if written < 0 {
            if errno == EINTR { continue }
            return errno
        }
        if written == 0 { return EIO }
        pointer += written
        remaining -= written
    }
    return nil
}
