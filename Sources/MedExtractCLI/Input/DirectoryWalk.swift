import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the input files below a directory, recursively, sorted by path:
/// files named `.txt`, `.jsonl`, `.ndjson` or `.json`. Symbolic links are
/// followed (to files and to directories); a link back to a directory being
/// walked is a loop, reported and not followed. A subdirectory that cannot be
/// read, and an input-named entry that cannot be examined (a dangling link, a
/// link loop), are reported as failures in their place in the order: nothing
/// is skipped silently.
enum DirectoryWalk {
    /// One file to read or one failure.
    enum Entry: Sendable {
        case file(String)
        case failure(InputFailure)

        var path: String {
            switch self {
            case .file(let path): path
            case .failure(let failure): failure.path
            }
        }
    }

    /// Whether a file name has an input extension.
    static func isInputName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".txt") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json")
    }

    /// The files and failures below `directory`, sorted by path.
    static func list(_ directory: String) -> [Entry] {
        var entries: [Entry] = []
        var ancestors: Set<FileIdentity> = []
        if let root = FileIdentity(path: directory) { ancestors.insert(root) }
        walk(directory, ancestors: &ancestors, into: &entries)
        return entries.sorted { $0.path < $1.path }
    }

    private static func walk(_ directory: String, ancestors: inout Set<FileIdentity>, into entries: inout [Entry]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            entries.append(.failure(InputFailure(path: directory, reason: reason(for: error))))
            return
        }
        for name in names {
            let full = (directory as NSString).appendingPathComponent(name)
            var info = stat()
            guard stat(full, &info) == 0 else {
                let code = errno
                // A dangling link or a link loop: an error only for a name
                // that promises an input.
                if isInputName(name) { entries.append(.failure(InputFailure(path: full, reason: describe(code)))) }
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                let identity = FileIdentity(info)
                if ancestors.contains(identity) {
                    entries.append(.failure(InputFailure(path: full, reason: "directory loop: a link back to a directory being read; not followed")))
                    continue
                }
                ancestors.insert(identity)
                walk(full, ancestors: &ancestors, into: &entries)
                ancestors.remove(identity)
            } else if isInputName(name) {
                entries.append(.file(full))
            }
        }
    }

    /// `permission denied`, `no such file or directory` or the system's message.
    static func describe(_ code: Int32) -> String {
        switch code {
        case EACCES: return "permission denied"
        case ENOENT: return "no such file or directory"
        default:
            guard let message = strerror(code) else { return "error \(code)" }
            return String(cString: message)
        }
    }

    private static func reason(for error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return describe(Int32(underlying.code))
        }
        if nsError.domain == NSPOSIXErrorDomain { return describe(Int32(nsError.code)) }
        if nsError.domain == NSCocoaErrorDomain && nsError.code == NSFileReadNoPermissionError { return "permission denied" }
        return "cannot read directory: " + DocumentSource.describe(error)
    }
}

/// A file's device and inode: the same directory reached by two paths.
struct FileIdentity: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }
}
