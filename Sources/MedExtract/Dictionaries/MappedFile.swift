import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only file mapped into memory as `Data`.
///
/// Reading a file (`fread`, or `Data(contentsOf:)`, which reads even with
/// `.mappedIfSafe` on Linux) fills a fresh buffer: for the built-in lexicon
/// (15 MB) and its sources (6 MB) at every start, pages zeroed, filled by
/// `read` and copied again into the tables. Mapped, the pages come from the
/// page cache and are copied once. Only the
/// bundle's own resource files are mapped: a file cut short while mapped
/// would fault, and those are not rewritten while a process reads them.
enum MappedFile {
    /// The contents of the file at `path`, mapped (unmapped when the last
    /// copy of the `Data` goes away), or nil when it cannot be opened,
    /// is empty or cannot be mapped (the caller then reads it).
    static func data(atPath path: String) -> Data? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, status.st_size > 0, let size = Int(exactly: status.st_size) else { return nil }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        return Data(bytesNoCopy: address, count: size, deallocator: .custom { pointer, count in
            _ = munmap(pointer, count)
        })
    }
}
