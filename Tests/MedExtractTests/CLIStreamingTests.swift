import Dispatch
import Foundation
import Synchronization
import Testing

/// The command line on a JSONL stream that pauses (a producer on a pipe):
/// what arrived is extracted and written before the tool waits for more,
/// not held until a batch fills or the input ends. Sentences written for
/// this test.
@Suite("Command line on a stream that pauses")
struct CLIStreamingTests {
    /// Reads `handle` on a thread of its own until `done` says the bytes are enough or the input ends.
    final class Collector: Sendable {
        private let bytes = Mutex(Data())
        private let signal = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            DispatchQueue.global().async { [self] in
                while true {
                    let chunk = handle.availableData
                    bytes.withLock { $0.append(chunk) }
                    signal.signal()
                    if chunk.isEmpty { return }
                }
            }
        }

        /// Waits up to `seconds` for the output to hold `lines` lines; returns what it holds.
        func wait(forLines lines: Int, seconds: Double) -> String {
            let deadline = DispatchTime.now() + seconds
            while true {
                let text = String(decoding: bytes.withLock { $0 }, as: UTF8.self)
                if text.split(separator: "\n").count >= lines { return text }
                if signal.wait(timeout: deadline) == .timedOut { return text }
            }
        }
    }

    @Test(arguments: [1, 2])
    func resultsOfWhatArrivedAreWrittenBeforeTheToolWaits(jobs: Int) throws {
        let executable = try #require(CLIRobustnessTests.executable, "medextract is not built next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = ["extract", "--format", "jsonl", "--input", "jsonl", "--no-progress", "--jobs", "\(jobs)", "-"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let collector = Collector(output.fileHandleForReading)
        defer { if process.isRunning { process.terminate() } }

        input.fileHandleForWriting.write(Data("{\"id\":\"first\",\"text\":\"北京协和医院心内科今天开展义诊。\"}\n".utf8))
        // The stream pauses here; the first result must come out meanwhile.
        let early = collector.wait(forLines: 1, seconds: 60)
        #expect(early.contains("\"id\":\"first\""), "no output while the input waits")
        #expect(!early.contains("\"id\":\"second\""))

        input.fileHandleForWriting.write(Data("{\"id\":\"second\",\"text\":\"患者接受了胃镜检查。\"}\n".utf8))
        try input.fileHandleForWriting.close()
        let all = collector.wait(forLines: 2, seconds: 60)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let ids = all.split(separator: "\n").compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object["id"] as? String
        }
        #expect(ids == ["first", "second"])
        #expect(all.contains("北京协和医院"))
    }
}
