#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#else
import Foundation
#endif

/// Comparisons of runs of code units by `memcmp`, for the lookups the linker
/// makes for every place name and hospital name (the standard library's
/// generic `elementsEqual` and `lexicographicallyPrecedes` step element by
/// element through iterators).
enum MemoryCompare {
    /// Whether `a` and `b` hold the same elements.
    @inline(__always)
    static func equal<T: FixedWidthInteger>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>) -> Bool {
        guard a.count == b.count else { return false }
        guard let p = a.baseAddress, let q = b.baseAddress else { return true } // both empty
        return memcmp(p, q, a.count * MemoryLayout<T>.stride) == 0
    }

    /// Whether `a` comes before `b` in byte order (a prefix first), as
    /// `lexicographicallyPrecedes` orders them.
    @inline(__always)
    static func precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = min(a.count, b.count)
        if common > 0, let p = a.baseAddress, let q = b.baseAddress {
            let order = memcmp(p, q, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    /// Whether `units[start ..< start + word.count]` is `word` (false when
    /// it does not fit).
    @inline(__always)
    static func hasWord(_ word: UnsafeBufferPointer<UInt16>, in units: UnsafeBufferPointer<UInt16>, at start: Int) -> Bool {
        guard start >= 0, start + word.count <= units.count else { return false }
        return equal(UnsafeBufferPointer(rebasing: units[start ..< start + word.count]), word)
    }
}
