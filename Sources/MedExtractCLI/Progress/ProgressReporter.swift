import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress display on standard error for long `extract` runs:
/// documents done, megabytes read, throughput, and — when the total input
/// size is known — a bar, the percentage and the time left.
///
/// Redraws are rate-limited (at most one per ``minimumInterval``) and the
/// reporter is only created when standard error is a terminal, so logs and
/// pipes never see it.
final class ProgressReporter {
    /// Seconds between two redraws.
    static let minimumInterval = 0.1

    private let totalBytes: Int?
    private let output: (String) -> Void
    private let clock: () -> Double
    private let start: Double
    private var lastDraw: Double
    private var documents = 0
    private var bytes = 0
    private var drawn = false

    /// Creates a reporter writing through `output` and timing with `clock` (seconds).
    init(totalBytes: Int?, output: @escaping (String) -> Void, clock: @escaping () -> Double) {
        self.totalBytes = totalBytes
        self.output = output
        self.clock = clock
        start = clock()
        lastDraw = start
    }

    /// A reporter on standard error when it is a terminal (and `TERM` is not `dumb`), else `nil`.
    static func forStandardError(totalBytes: Int?) -> ProgressReporter? {
        guard isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["TERM"] != "dumb" else { return nil }
        return ProgressReporter(
            totalBytes: totalBytes,
            output: { writeStandardError($0) },
            clock: { Date().timeIntervalSinceReferenceDate }
        )
    }

    /// Counts one finished document of `byteCount` input bytes and redraws if due.
    func documentDone(byteCount: Int) {
        documents += 1
        bytes += byteCount
        let now = clock()
        if now - lastDraw >= Self.minimumInterval {
            draw(now: now)
        }
    }

    /// Erases the progress line (before a message is printed on standard error).
    func clear() {
        if drawn { output("\r\u{1B}[K") }
    }

    /// Draws the final state and ends the line, if anything was drawn.
    func finish() {
        guard drawn else { return }
        draw(now: clock())
        output("\n")
    }

    private func draw(now: Double) {
        lastDraw = now
        drawn = true
        output("\r\u{1B}[K" + Self.render(documents: documents, bytes: bytes, totalBytes: totalBytes, elapsed: now - start))
    }

    /// The progress line: `[########------------]  40%  120 docs  4.0/10.0 MB  2.0 MB/s  ETA 0:03`
    /// (the time left once a second has passed, so the first guess is not wild).
    static func render(documents: Int, bytes: Int, totalBytes: Int?, elapsed: Double) -> String {
        let mb = Double(bytes) / 1_000_000
        let rate = elapsed > 0 ? mb / elapsed : 0
        let docs = "\(documents) doc" + (documents == 1 ? "" : "s")
        let speed = String(format: "%.1f MB/s", rate)
        guard let totalBytes, totalBytes > 0 else {
            return "\(docs)  \(String(format: "%.1f MB", mb))  \(speed)"
        }
        let fraction = min(1, Double(bytes) / Double(totalBytes))
        let width = 20
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
        let percent = String(format: "%3d%%", Int((fraction * 100).rounded(.down)))
        var line = "\(bar) \(percent)  \(docs)  \(String(format: "%.1f/%.1f MB", mb, Double(totalBytes) / 1_000_000))  \(speed)"
        if rate > 0, bytes < totalBytes, elapsed >= 1 {
            line += "  ETA " + duration(Double(totalBytes - bytes) / 1_000_000 / rate)
        }
        return line
    }

    /// `m:ss` or `h:mm:ss`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, s) : String(format: "%d:%02d", m, s)
    }
}

extension DocumentSource {
    /// The total size in bytes of the files the source reads, or `nil` when
    /// it reads standard input (whose size is not known in advance).
    func totalInputBytes() -> Int? {
        var total = 0
        for path in paths.isEmpty ? ["-"] : paths {
            if path == "-" { return nil }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue ? Self.inputFiles(in: path) : [path]
            for file in files {
                let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue
                total += size ?? 0
            }
        }
        return total
    }
}
