#if canImport(Glibc)
import Glibc
#endif

/// How the tool asks the C allocator to behave.
enum MemoryTuning {
    /// Allocations from this size on get pages of their own, returned to
    /// the system when freed.
    static let ownPagesFrom: Int32 = 4 << 20

    /// Free memory at the top of a heap is given back to the system only
    /// past this much.
    static let keepFreeUpTo: Int32 = 32 << 20

    /// Fixes glibc's threshold for serving an allocation with pages of its
    /// own. By default the threshold grows each time such a block is freed
    /// (up to 32 MB), after which large buffers (a huge document's arrays,
    /// the lexicon's load buffers) come from the heap and stay in the
    /// process once freed; fixed, every large buffer's memory goes back to
    /// the system as soon as it is freed, so peak memory on a huge document
    /// is what is alive, not what once was. Smaller blocks stay in the
    /// process for reuse up to ``keepFreeUpTo``. No effect elsewhere.
    static func returnLargeBuffersWhenFreed() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does
        // not export: look it up. `M_MMAP_THRESHOLD` is -3 in glibc's ABI.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, ownPagesFrom)
        // `M_TRIM_THRESHOLD` (-1). Fixing the first threshold also fixes this
        // one at its default, 128 KB: each worker thread's heap was then
        // shrunk and grown again around every document (page faults, and
        // the other core's TLB flushed each time), so two jobs spent 7 %
        // more CPU time than one. Buffers of `ownPagesFrom` and more are not
        // affected: they still go back when freed.
        _ = mallopt(-1, keepFreeUpTo)
        #endif
    }
}
