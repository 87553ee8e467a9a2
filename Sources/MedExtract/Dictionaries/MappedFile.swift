import Foundation

/// A read-only file mapped into memory as `Data`.
///
/// Reading a file (`fread`, or `Data(contentsOf:)`, which reads even with
/// `.mappedIfSafe` on Linux) fills a fresh buffer: for the built-in sources
/// (6 MB), fingerprinted at every start, pages zeroed and filled by `read`.
/// Mapped, the pages come from the page cache. (The compiled lexicon is
/// mapped as a ``TableMemory``, its largest tables read in place.) Only the
/// bundle's own resource files are mapped: a file cut short while mapped
/// would fault, and those are not rewritten while a process reads them.
enum MappedFile {
    /// The contents of the file at `path`, mapped (unmapped when the last
    /// copy of the `Data` goes away), or nil when it cannot be opened,
    /// is empty or cannot be mapped (the caller then reads it).
    static func data(atPath path: String) -> Data? {
        guard let memory = TableMemory.mapping(path: path), let base = memory.bytes.baseAddress else { return nil }
        // The mapping lives as long as the `Data`: its deallocator holds it.
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: memory.bytes.count, deallocator: .custom { _, _ in
            withExtendedLifetime(memory) {}
        })
    }
}
