// icu-segment: the reference process for `medextract extract`.
//
//     icu-segment [--parse-only] FILE.jsonl
//
// Reads the JSONL the command line reads (one `{"id", "text"}` object a
// line), the same way: 1 MB blocks split into lines, each line parsed with
// Foundation's JSONSerialization. With no option it then runs ICU word
// segmentation alone (the library's `WordSegmenter`, as the extractor opens
// it) over every whole text and prints the counts. `--parse-only` stops after
// reading and parsing, to show how much of a run that takes.
//
// `Benchmarks/cli_vs_icu.sh` times this against `medextract extract --format
// jsonl --jobs 1` on the same file.

import Foundation
@_spi(Benchmarks) import MedExtract

/// What one run counted.
struct Counts {
    var documents = 0
    var failures = 0
    var textUTF8Bytes = 0
    var tokens = 0
    var words = 0
}

/// Stops with a message on standard error and status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("icu-segment: \(message)\n".utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let parseOnly = arguments.contains("--parse-only")
arguments.removeAll { $0 == "--parse-only" }
guard arguments.count == 1, let path = arguments.first, !path.hasPrefix("-") else {
    fail("usage: icu-segment [--parse-only] FILE.jsonl")
}
guard let handle = FileHandle(forReadingAtPath: path) else { fail("cannot open \(path)") }

let segmenter: WordSegmenter
do {
    segmenter = try WordSegmenter(locale: "zh")
} catch {
    fail("cannot open ICU: \(error)")
}

var counts = Counts()

/// Parses one line and, unless `parseOnly`, segments its text.
func process(_ line: ArraySlice<UInt8>, segmenter: WordSegmenter, parseOnly: Bool, counts: inout Counts) {
    guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
    guard let object = try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed]),
          let dictionary = object as? [String: Any], let text = dictionary["text"] as? String else {
        counts.failures += 1
        return
    }
    counts.documents += 1
    counts.textUTF8Bytes += text.utf8.count
    guard !parseOnly else { return }
    let units = Array(text.utf16)
    var tokens = 0, words = 0
    units.withUnsafeBufferPointer { buffer in
        segmenter.forEachBoundary(buffer) { _, _, isWord in
            tokens += 1
            if isWord { words += 1 }
        }
    }
    counts.tokens += tokens
    counts.words += words
}

// The bytes of the line being read; only the new block is searched for a
// line end, so a long line is scanned once.
var pending: [UInt8] = []
while true {
    let block: Data
    do {
        block = try handle.read(upToCount: 1 << 20) ?? Data()
    } catch {
        fail("cannot read \(path): \(error)")
    }
    if block.isEmpty { break }
    var searchFrom = pending.count
    pending.append(contentsOf: block)
    var lineStart = 0
    while let newline = pending[searchFrom...].firstIndex(of: 0x0A) {
        process(pending[lineStart ..< newline], segmenter: segmenter, parseOnly: parseOnly, counts: &counts)
        lineStart = newline + 1
        searchFrom = lineStart
    }
    pending.removeFirst(lineStart)
}
process(pending[...], segmenter: segmenter, parseOnly: parseOnly, counts: &counts)

print("documents=\(counts.documents) failures=\(counts.failures) text_utf8_bytes=\(counts.textUTF8Bytes)"
    + (parseOnly ? "" : " tokens=\(counts.tokens) words=\(counts.words)"))
exit(counts.failures == 0 ? 0 : 1)
