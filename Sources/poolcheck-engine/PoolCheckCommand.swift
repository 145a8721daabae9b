import ArgumentParser
import Foundation
import PoolCheck

@main
struct PoolCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poolcheck",
        abstract: "Pre-flight validation and compliance audits for XenServer / XCP-ng pools.",
        version: ToolInfo.version,
        subcommands: [PreflightCommand.self, AuditCommand.self, FactsCommand.self, ExportsCommand.self, RulesCommand.self])

    /// DESIGN.md's exit statuses: bad usage is 2 (ArgumentParser's own default is 64).
    static func main() async {
        // A reader that went away is a write error (EPIPE) to report, not a silent death.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as Exit {
            Foundation.exit(exit.code)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // One line: the problem and where help is, not the whole usage text.
            let problem = message(for: error).split(separator: "\n").first.map(String.init) ?? "bad usage"
            let cleaned = problem.hasPrefix("Error: ") ? String(problem.dropFirst(7)) : problem
            FileHandle.standardError.write(Data("poolcheck: \(cleaned) (see `poolcheck --help`)\n".utf8))
            Foundation.exit(2)
        }
    }
}

/// Ends the process with a DESIGN.md exit status.
struct Exit: Error {
    let code: Int32
}

/// One line on standard error that does not stop the run.
func warn(_ message: String) {
    FileHandle.standardError.write(Data("poolcheck: warning: \(message)\n".utf8))
}

/// Prints one line on standard error and exits with `code`.
func fail(_ message: String, code: Int32 = 2) -> Exit {
    FileHandle.standardError.write(Data("poolcheck: \(message)\n".utf8))
    return Exit(code: code)
}
