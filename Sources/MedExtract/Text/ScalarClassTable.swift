import Dispatch

/// The classes of ``CodeUnitClass`` that the whole-document walks (the layout
/// model's, the normaliser's) test for every scalar, looked up in one table
/// of a byte per BMP scalar (64 KB, built once from the predicates) instead
/// of a chain of range comparisons per class.
///
/// A scalar above the BMP is classified by the predicates themselves
/// (``classes(of:in:)``); the table therefore agrees with them everywhere,
/// which a test checks for every BMP scalar.
enum ScalarClassTable {
    /// ``CodeUnitClass/isLineBreakScalar(_:)``.
    static let lineBreak: UInt8 = 1 << 0
    /// ``CodeUnitClass/isIgnorableScalar(_:)``.
    static let ignorable: UInt8 = 1 << 1
    /// ``CodeUnitClass/isWhitespaceScalar(_:)``.
    static let whitespace: UInt8 = 1 << 2
    /// ``CodeUnitClass/isIdeograph(scalar:)``.
    static let ideograph: UInt8 = 1 << 3
    /// ``CodeUnitClass/isWide(scalar:)``.
    static let wide: UInt8 = 1 << 4
    /// ``CodeUnitClass/fold(_:)`` changes the scalar.
    static let folds: UInt8 = 1 << 5

    /// The classes of every CJK Unified Ideograph (U+4E00–U+9FFF): an
    /// ideograph, two columns wide, nothing else. The walks count and copy
    /// runs of them without looking them up (``ScalarWalk/nextUnifiedIdeograph()``);
    /// a test checks that the predicates give exactly this for the block.
    static let unifiedIdeograph: UInt8 = ideograph | wide

    /// The classes a scalar outside the BMP (or any scalar) has, from the predicates.
    static func computedClasses(of v: UInt32) -> UInt8 {
        var bits: UInt8 = 0
        if CodeUnitClass.isLineBreakScalar(v) { bits |= lineBreak }
        if CodeUnitClass.isIgnorableScalar(v) { bits |= ignorable }
        if CodeUnitClass.isWhitespaceScalar(v) { bits |= whitespace }
        if CodeUnitClass.isIdeograph(scalar: v) { bits |= ideograph }
        if CodeUnitClass.isWide(scalar: v) { bits |= wide }
        if CodeUnitClass.fold(v) != v { bits |= folds }
        return bits
    }

    /// The classes of every BMP scalar (surrogate code points included, as
    /// the predicates classify them). The CJK Unified Ideographs, a third of
    /// the table, are filled with ``unifiedIdeograph`` without asking the
    /// predicates, which a test checks give exactly that for the block.
    static let bmp: [UInt8] = {
        var table = (0 ..< 0x4E00).map { computedClasses(of: UInt32($0)) }
        table.reserveCapacity(0x10000)
        table.append(contentsOf: repeatElement(unifiedIdeograph, count: 0xA000 - 0x4E00))
        table.append(contentsOf: (0xA000 ... 0xFFFF).map { computedClasses(of: UInt32($0)) })
        return table
    }()

    /// Builds ``bmp`` on a global queue if no thread has yet (44,544 calls
    /// of the predicates): the extractor asks for it while it loads its
    /// lexicon, so the table is ready on a machine
    /// with a second core before the first document's walk reads it (a walk
    /// that comes first waits for the build: a `static let` is made once).
    static func prepareInBackground() {
        DispatchQueue.global(qos: .userInitiated).async { _ = bmp.count }
    }

    /// The classes of `v`, with `table` the storage of ``bmp`` (hoisted out
    /// of the caller's loop).
    @inline(__always)
    static func classes(of v: UInt32, in table: UnsafeBufferPointer<UInt8>) -> UInt8 {
        v <= 0xFFFF ? table[Int(v)] : computedClasses(of: v)
    }
}
