import Foundation

/// Refuses a brat output directory that holds an input file: writing
/// `ID.txt` there would overwrite the inputs (with `--lossy`, the original
/// bytes would be gone).
enum OutputDirectoryCheck {
    /// Throws (exit status 1, message on standard error) when an input file
    /// of `source` lies in `directory` or below it.
    static func refuseInputs(of source: DocumentSource, in directory: String) throws {
        guard let output = resolved(directory) else { return } // not there yet: holds nothing
        for path in source.paths where path != "-" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue ? DocumentSource.inputFiles(in: path) : [path]
            for file in files {
                guard let real = resolved(file) else { continue }
                if real.hasPrefix(output.hasSuffix("/") ? output : output + "/") {
                    printError("medextract: \(directory): the output directory holds the input \(file); brat files would overwrite it: choose another --output directory")
                    throw ExitStatus.inputFailure
                }
            }
        }
    }

    /// The path with links and `..` resolved, or nil when it does not exist.
    static func resolved(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }
}
