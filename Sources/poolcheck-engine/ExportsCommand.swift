import ArgumentParser
import ExportsTool

/// `poolcheck exports` in the engine's command tree, so `poolcheck --help` lists it. The
/// `poolcheck` launcher runs ExportsTool itself before the engine starts; this reaches
/// the same code when the engine is run directly.
struct ExportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exports", abstract: ExportsArguments.abstract,
        discussion: "Run `poolcheck exports --help` for its options.")

    @Argument(parsing: .allUnrecognized, help: "SERVER [--client IP]... [--json] [--timeout SECONDS] [--source IP]")
    var arguments: [String] = []

    func run() throws {
        let status = ExportsTool.run(arguments)
        if status != 0 { throw Exit(code: status) }
    }
}
