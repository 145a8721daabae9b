import ArgumentParser
import PoolCheck

struct FactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts", abstract: "Gather facts from the sources and print them as JSON.")

    @OptionGroup var sources: SourceOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the JSON to FILE (a regular file atomically; a FIFO or device in place) instead of stdout.", valueName: "FILE"))
    var output: String?

    func run() async throws {
        if sources.isEmpty { throw fail("give at least one source (--snapshot PATH, --facts FILE, --xapi HOST, --nfs SERVER, --pcap, --capture)") }
        let facts = try await sources.gather()
        let json = try FactsFile.encode(facts)
        guard let output, output != "-" else {
            try emit(json)
            return
        }
        do {
            try OutputFile.write(json, to: output, noun: "facts file")
        } catch {
            throw fail("\(error)")
        }
    }
}
