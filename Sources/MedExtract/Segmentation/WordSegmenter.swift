import CICU
import Synchronization

/// A word token: a range of UTF-16 code units of the text that was segmented.
@_spi(Benchmarks) public struct Token: Sendable, Hashable {
    /// The token's code units in the segmented text.
    public var range: Range<Int>
    /// Whether ICU classed the word as letters, ideographs or a number (as
    /// opposed to punctuation or whitespace).
    public var isWord: Bool

    /// Creates a token.
    public init(range: Range<Int>, isWord: Bool) {
        self.range = range
        self.isWord = isWord
    }
}

/// Splits text into words with ICU's word break iterator (dictionary-based for
/// Chinese).
///
/// Safe to share between threads: each call checks an iterator out of a small
/// pool guarded by a mutex (cloning the prototype when the pool is empty), so
/// no iterator is ever used by two threads at once.
@_spi(Benchmarks) public final class WordSegmenter: Sendable {
    private let prototype: BreakerHandle
    private let pool: Mutex<[BreakerHandle]>

    /// Opens ICU's word break iterator for `locale` (`zh` by default).
    /// - Throws: ``MedExtractError/segmenterUnavailable(locale:code:)`` when ICU
    ///   cannot open one (missing ICU data).
    public init(locale: String = "zh") throws(MedExtractError) {
        var status: Int32 = 0
        guard let breaker = cicu_word_breaker_open(locale, &status) else {
            throw .segmenterUnavailable(locale: locale, code: Int(status))
        }
        prototype = BreakerHandle(breaker)
        pool = Mutex([])
    }

    /// The version of the ICU library in use, e.g. `72.1`.
    public static var icuVersion: String { String(cString: cicu_version()) }

    /// Segments UTF-16 code units into tokens covering the whole text.
    public func tokens(_ units: [UInt16]) -> [Token] {
        units.withUnsafeBufferPointer { tokens($0) }
    }

    /// Segments a buffer of UTF-16 code units into tokens covering the whole text.
    public func tokens(_ units: UnsafeBufferPointer<UInt16>) -> [Token] {
        var tokens: [Token] = []
        forEachBoundary(units) { start, end, isWord in
            tokens.append(Token(range: start ..< end, isWord: isWord))
        }
        return tokens
    }

    /// Segments a string (after no normalisation) into word strings; a
    /// convenience for tests and tools.
    public func words(_ text: String) -> [String] {
        let units = [UInt16](utf16Of: text)
        return tokens(units).map { String(utf16Units: units[$0.range]) }
    }

    /// Calls `body` with each token's start, end (UTF-16 units) and word flag,
    /// in order, without building an array.
    public func forEachBoundary(_ units: UnsafeBufferPointer<UInt16>, _ body: (Int, Int, Bool) -> Void) {
        guard let base = units.baseAddress, !units.isEmpty, units.count <= Int(Int32.max) else { return }
        let handle = checkOut()
        defer { checkIn(handle) }
        guard let breaker = handle.pointer,
              cicu_word_breaker_set_text(breaker, base, Int32(units.count)) <= 0 else {
            body(0, units.count, true)
            return
        }
        var previous = Int(cicu_word_breaker_next(breaker, 1))
        while previous >= 0 {
            let next = Int(cicu_word_breaker_next(breaker, 0))
            guard next > previous else { break }
            body(previous, next, Self.isWordToken(units, previous ..< next))
            previous = next
        }
    }

    private static func isWordToken(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) -> Bool {
        for i in range {
            let u = units[i]
            if CodeUnitClass.isIdeograph(u) || CodeUnitClass.isASCIIAlphanumeric(u) || u >= 0xD800 && u <= 0xDBFF { return true }
        }
        return false
    }

    private func checkOut() -> BreakerHandle {
        if let handle = pool.withLock({ $0.popLast() }) { return handle }
        var status: Int32 = 0
        return BreakerHandle(prototype.pointer.flatMap { cicu_word_breaker_clone($0, &status) })
    }

    private func checkIn(_ handle: BreakerHandle) {
        pool.withLock { pool in
            if pool.count < 16 { pool.append(handle) }
        }
    }
}

/// Owns one ICU break iterator and closes it when released.
final class BreakerHandle: @unchecked Sendable {
    // Only ever used by one thread at a time: the pool hands it out exclusively.
    let pointer: OpaquePointer?

    init(_ pointer: OpaquePointer?) {
        self.pointer = pointer
    }

    deinit {
        cicu_word_breaker_close(pointer)
    }
}
