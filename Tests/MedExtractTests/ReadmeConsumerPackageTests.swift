import Foundation
import Testing

/// README.md's Swift snippets, verbatim, built and run the way a new user
/// would: in a package of their own that depends on this one by path.
///
/// The test copies every ```swift block of README.md that starts with
/// `import` into `Sources/SnippetN/main.swift` of a temporary package, builds
/// it with the same `swift` that runs the tests (scratch path
/// `.build/readme-consumer`, kept between runs so a rebuild is incremental),
/// runs each executable and checks what it prints against the output the
/// README promises. Nothing is copied by hand, so the README cannot drift.
@Suite("README snippets in a consumer package", .serialized)
struct ReadmeConsumerPackageTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The ```swift blocks of README.md that are whole programs.
    static func programSnippets() throws -> [String] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        return readme.components(separatedBy: "```swift\n").dropFirst()
            .compactMap { $0.components(separatedBy: "\n```").first }
            .filter { $0.hasPrefix("import ") }
    }

    /// What each snippet must print (a line it must contain), by snippet:
    /// the output the README's comments promise.
    static let expectedOutput = [
        "HOSPITAL 5..<10 晋城大医院 晋城大医院",
        #"["12号病区"]"#,
        "fixture passes",
    ]

    @Test func readmeHasTheSnippetsThisTestChecks() throws {
        #expect(try Self.programSnippets().count == Self.expectedOutput.count)
    }

    @Test func snippetsBuildAndRunInAPackageThatDependsOnThisOne() throws {
        let snippets = try Self.programSnippets()
        try #require(snippets.count == Self.expectedOutput.count)
        let package = FileManager.default.temporaryDirectory
            .appendingPathComponent("medextract-readme-consumer-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: package)
        defer { try? FileManager.default.removeItem(at: package) }
        var targets: [String] = []
        for (index, snippet) in snippets.enumerated() {
            let name = "Snippet\(index + 1)"
            let folder = package.appendingPathComponent("Sources/\(name)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data((snippet + "\n").utf8).write(to: folder.appendingPathComponent("main.swift"))
            targets.append(name)
        }
        try Data(Self.manifest(targets: targets).utf8).write(to: package.appendingPathComponent("Package.swift"))

        let scratch = Self.root.appendingPathComponent(".build/readme-consumer")
        let build = try Self.run(Self.swift(), ["build", "--package-path", package.path, "--scratch-path", scratch.path])
        try #require(build.status == 0, "the consumer package does not build:\n\(build.output)")
        let bin = try Self.run(Self.swift(), ["build", "--package-path", package.path, "--scratch-path", scratch.path, "--show-bin-path"])
        let binPath = bin.output.split(separator: "\n").last.map(String.init) ?? ""
        for (name, expected) in zip(targets, Self.expectedOutput) {
            let result = try Self.run(URL(fileURLWithPath: binPath).appendingPathComponent(name), [])
            #expect(result.status == 0, "\(name) failed:\n\(result.output)")
            #expect(result.output.contains(expected), "\(name) does not print \(expected):\n\(result.output)")
        }
    }

    /// A manifest as a user would write it, with the path instead of the URL.
    static func manifest(targets: [String]) -> String {
        let identity = root.lastPathComponent
        let products = #".product(name: "MedExtract", package: "\#(identity)"), .product(name: "MedExtractTesting", package: "\#(identity)")"#
        let declared = targets.map { #"        .executableTarget(name: "\#($0)", dependencies: [\#(products)]),"# }
        return """
        // swift-tools-version: 6.1
        import PackageDescription

        let package = Package(
            name: "ReadmeConsumer",
            platforms: [.macOS(.v15)],
            dependencies: [.package(path: "\(root.path)")],
            targets: [
        \(declared.joined(separator: "\n"))
            ]
        )

        """
    }

    /// The `swift` driver of the toolchain running the tests.
    static func swift() throws -> URL {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("swift") }
            + [URL(fileURLWithPath: "/opt/swift/usr/bin/swift")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw ConsumerPackageError(message: "no swift executable on PATH")
        }
        return found
    }

    /// Runs a command with its output in a file (no pipe to fill up) and
    /// returns its exit status and output.
    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("medextract-consumer-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let output = String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)
        return (process.terminationStatus, output)
    }
}

struct ConsumerPackageError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
