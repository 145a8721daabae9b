import ArgumentParser
import PoolCheck

/// Where facts come from (repeatable, merged).
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("snapshot"), help: ArgumentHelp("xe/ifconfig/showmount/mount transcripts: a file or a folder.", valueName: "PATH"))
    var snapshots: [String] = []

    @Option(name: .customLong("facts"), help: ArgumentHelp("Facts JSON written by `poolcheck facts`.", valueName: "FILE"))
    var factsFiles: [String] = []

    var specs: [SourceSpec] {
        snapshots.map { .snapshot(path: $0) } + factsFiles.map { .facts(path: $0) }
    }

    func gather() async throws -> Facts {
        do {
            return try await Gathering.gather(specs)
        } catch {
            throw fail("\(error)")
        }
    }
}
