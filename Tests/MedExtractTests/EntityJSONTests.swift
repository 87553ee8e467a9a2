import Foundation
import MedExtract
import Testing
@testable import MedExtractCLI

/// The entity objects of JSONL output: the stack-buffer writer and the
/// general appending path write the same bytes, and the general path takes
/// over for strings to escape and objects too long for the buffer.
@Suite("JSONL entity objects")
struct EntityJSONTests {
    /// Strings of every kind the writer meets: plain ideographs, ASCII,
    /// strings to escape (quotes, backslashes, controls, U+2028), long ones.
    static let strings: [String] = [
        "", "某市第一医院", "骨科", "CT", "a\"b", "反\\斜", "行\n尾", "制\t表", "\u{2028}分隔", "€", "😀表情",
        String(repeating: "长名医院", count: 300), "110105", "北京市", "朝阳区",
    ]

    static let plain = ["某市第一医院", "骨科", "CT", "110105", "北京市", "朝阳区", "台", "%"]

    static let numbers: [Double] = [0, -0.0, 3, -12, 2.5, 1e15, 1e16, -7.25, 123456789, .infinity, .nan, 0.1]

    static func randomEntity(_ rng: inout SplitMix) -> Entity {
        func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
        // Mostly plain strings (the common case), sometimes any kind.
        func maybe(_ s: [String]) -> String? { rng.next() % 3 == 0 ? nil : rng.next() % 6 == 0 ? pick(s) : pick(plain) }
        func maybeNumber() -> Double? { rng.next() % 3 == 0 ? nil : pick(numbers) }
        let figure: Figure? = rng.next() % 2 == 0 ? nil : Figure(
            kind: pick(FigureKind.allCases), value: maybeNumber(), high: maybeNumber(), unit: maybe(strings),
            qualifier: rng.next() % 2 == 0 ? nil : pick(FigureQualifier.allCases), second: maybeNumber()
        )
        let attributes = EntityAttributes(
            canonical: maybe(strings), code: maybe(strings), figure: figure, source: "test",
            hospital: maybe(strings), province: maybe(strings), city: maybe(strings), division: maybe(strings)
        )
        let start = Int(rng.next() % 2_000_000_000)
        return Entity(label: pick(EntityLabel.allCases), scalarOffsets: start ..< start + Int(rng.next() % 5000),
                      text: pick(strings), attributes: attributes)
    }

    @Test func stackWriterAndGeneralPathWriteTheSameBytes() {
        var rng = SplitMix(state: 23)
        var fast = 0
        for _ in 0 ..< 800 {
            let entity = Self.randomEntity(&rng)
            var general: [UInt8] = [1, 2]
            withUnsafePointer(to: entity) { EntityJSON.appendGenerally($0, span: entity.scalarOffsets, to: &general) }
            var appended: [UInt8] = [1, 2]
            EntityJSON.append(entity, to: &appended)
            #expect(appended == general)
            // The stack writer alone: the same bytes whenever it does not refuse.
            let written: [UInt8]? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: EntityJSON.scratchSize) { buffer in
                guard var writer = ScratchWriter(buffer) else { return nil }
                withUnsafePointer(to: entity) { EntityJSON.write($0, span: entity.scalarOffsets, to: &writer) }
                return writer.failed ? nil : Array(writer.written)
            }
            if let written {
                fast += 1
                #expect([1, 2] + written == general)
            }
            // Valid JSON either way.
            #expect((try? JSONSerialization.jsonObject(with: Data(general.dropFirst(2)), options: [.fragmentsAllowed])) != nil)
        }
        // Both paths were exercised.
        #expect(fast > 80 && fast < 800)
    }

    /// The writer's short copy moves exactly `n` bytes, for every length up
    /// to past its word loop, at every alignment, and touches no byte around them.
    @Test func shortCopyMovesExactlyTheBytes() {
        var generator = SystemRandomNumberGenerator()
        for n in 0 ... 80 {
            for offset in 0 ..< 8 {
                let source = (0 ..< n + 16).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
                var target = [UInt8](repeating: 0xA5, count: n + 32)
                source.withUnsafeBufferPointer { from in
                    target.withUnsafeMutableBufferPointer { to in
                        guard let f = from.baseAddress, let t = to.baseAddress else { return }
                        ScratchWriter.copy(f + offset, to: t + 8, count: n)
                    }
                }
                #expect(Array(target[8 ..< 8 + n]) == Array(source[offset ..< offset + n]), "length \(n) offset \(offset)")
                #expect(target[..<8].allSatisfy { $0 == 0xA5 } && target[(8 + n)...].allSatisfy { $0 == 0xA5 }, "length \(n) offset \(offset)")
            }
        }
    }

    /// Each label is written as its quoted name.
    @Test func labelsAreWrittenAsTheirNames() {
        for label in EntityLabel.allCases {
            let entity = Entity(label: label, scalarOffsets: 0 ..< 1, text: "某")
            #expect(EntityJSON.object(entity) == #"{"start":0,"end":1,"label":""# + label.rawValue + #"","text":"某"}"#)
        }
    }

    /// The stack writer's integers are the decimal strings, at every length
    /// and around every power of ten, both signs, and the extremes.
    @Test func stackWriterWritesIntegersAsTheirDecimalStrings() {
        var values: [Int] = [0, Int.max, Int.min, Int.min + 1]
        var power = 1
        for _ in 0 ..< 19 {
            values += [power - 1, power, power + 1, -power, -(power - 1)]
            if power <= Int.max / 4 { values.append(3 * power + 7) }
            if power <= Int.max / 10 { power *= 10 }
        }
        var random = SplitMix(state: 42)
        for _ in 0 ..< 200 { values.append(Int(truncatingIfNeeded: random.next()) >> Int(random.next() % 64)) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            for value in values {
                guard var writer = ScratchWriter(buffer) else { return #expect(Bool(false)) }
                writer.integer(value)
                #expect(!writer.failed && String(decoding: writer.written, as: UTF8.self) == String(value), "\(value)")
            }
        }
    }

    /// A writer refuses what does not fit, and writes nothing after.
    @Test func stackWriterRefusesWhatDoesNotFit() {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { buffer in
            guard var writer = ScratchWriter(buffer) else { return #expect(Bool(false)) }
            writer.integer(-1234)
            #expect(!writer.failed && Array(writer.written) == Array("-1234".utf8))
            writer.quoted("abcd")
            #expect(writer.failed)
            writer.byte(0x41)
            #expect(Array(writer.written) == Array("-1234".utf8))
        }
        let empty = UnsafeMutableBufferPointer<UInt8>(start: nil, count: 0)
        #expect(ScratchWriter(empty) == nil)
    }
}
