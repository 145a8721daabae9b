import ArgumentParser
import PoolCheck

struct FactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts", abstract: "Gather facts from the sources and print them as JSON.")

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the JSON to FILE (atomically) instead of stdout.", valueName: "FILE"))
    var output: String?

    func run() async throws {
        if sources.isEmpty { throw fail("give at least one source (--snapshot PATH, --facts FILE, --xapi HOST, --nfs SERVER, --pcap, --capture)") }
        let facts = try await sources.gather()
        let json = try FactsFile.encode(facts)
        guard let output, output != "-" else {
            print(json, terminator: "")
            return
        }
        do {
            try AtomicFileWriter.write(json, to: output)
        } catch {
            throw fail("\(error)")
        }
    }
}
