import ArgumentParser
import Foundation
import MedExtract

/// The `medextract` command.
public struct MedExtractCommand: ParsableCommand {
    /// The command's name, abstract and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "medextract",
        abstract: "Find hospitals, departments, medical procedures and figures in Chinese medical and health-news text.",
        discussion: """
        Exit status: 0 when every input was processed; 1 when some input could not be read or parsed \
        (the others are still processed, each failure is reported on standard error as path:line: reason); \
        2 on a usage error.
        """,
        version: "0.1.0",
        subcommands: [ExtractCommand.self, EvaluateCommand.self, DictCommand.self, FixturesCommand.self]
    )

    /// Creates the command (used by ArgumentParser).
    public init() {}

    /// Runs the command line in `arguments` (default: the process's) and
    /// exits with the documented status.
    public static func main(_ arguments: [String]? = nil) -> Never {
        let status = run(arguments)
        FileHandle.standardOutput.synchronizeFile()
        Foundation.exit(status)
    }

    /// Runs a command line and returns the exit status instead of exiting.
    public static func run(_ arguments: [String]?) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return 0
            }
            printError(fullMessage(for: error))
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}

/// Exit statuses of `medextract`.
enum ExitStatus {
    static let inputFailure = ExitCode(1)
}
