import Foundation

/// The data files shipped in the library's bundle (`Resources/Dictionaries`).
@_spi(Tooling) public enum BuiltinResources {
    /// The entity dictionaries loaded by default, in load order.
    public static let entityDictionaryNames = ["hospitals.tsv", "departments.tsv", "procedures.tsv", "non_entities.tsv"]

    /// The gazetteer of place names.
    public static let gazetteerName = "places.tsv"

    /// The built-in lexicon compiled ahead of time from all the files above
    /// and the rule lexicon (see `CompiledLexicon`).
    static let compiledLexiconName = "builtin.lexicon"

    /// The URL of a built-in resource file.
    /// - Throws: ``MedExtractError/missingResource(name:)`` when it is not in the bundle.
    public static func url(of name: String) throws(MedExtractError) -> URL {
        let directory = Bundle.module.resourceURL?.appendingPathComponent("Dictionaries")
        guard let url = directory?.appendingPathComponent(name), FileManager.default.fileExists(atPath: url.path) else {
            throw .missingResource(name: name)
        }
        return url
    }

    /// The text of a built-in resource file.
    public static func contents(of name: String) throws(MedExtractError) -> String {
        try TextFile.read(try url(of: name).path)
    }

    /// The URLs of all built-in entity dictionaries.
    public static func entityDictionaryURLs() throws(MedExtractError) -> [URL] {
        var urls: [URL] = []
        for name in entityDictionaryNames { urls.append(try url(of: name)) }
        return urls
    }
}

/// Reads UTF-8 text files with precise errors.
@_spi(Tooling) public enum TextFile {
    /// Reads a whole file as strict UTF-8.
    /// - Throws: ``MedExtractError/unreadableFile(path:reason:)`` or
    ///   ``MedExtractError/invalidUTF8(path:byteOffset:)``.
    public static func read(_ path: String) throws(MedExtractError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: Self.reason(for: path, error))
        }
        return try decode(data, path: path)
    }

    /// Decodes bytes as strict UTF-8; `path` names the source in errors.
    public static func decode(_ data: Data, path: String) throws(MedExtractError) -> String {
        // The standard library validates (fast) while it copies; the offset
        // of a fault is looked for only when there is one.
        let valid = data.withUnsafeBytes { raw in String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) }
        if let valid { return valid }
        if let offset = firstInvalidUTF8Offset(data) { throw .invalidUTF8(path: path, byteOffset: offset) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The byte offset of the first invalid UTF-8 sequence, or nil when valid.
    public static func firstInvalidUTF8Offset(_ bytes: some Collection<UInt8>) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }

    static func reason(for path: String, _ error: Error) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        if isDirectory.boolValue { return "is a directory" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return (error as NSError).localizedDescription
    }
}
