import ArgumentParser
import PoolCheck

/// Where facts come from (repeatable, merged).
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("snapshot"), help: ArgumentHelp("xe/ifconfig/showmount/mount transcripts: a file or a folder.", valueName: "PATH"))
    var snapshots: [String] = []

    @Option(name: .customLong("facts"), help: ArgumentHelp("Facts JSON written by `poolcheck facts`.", valueName: "FILE"))
    var factsFiles: [String] = []

    @OptionGroup var xapi: XapiOptions

    /// True when no source at all was named.
    var isEmpty: Bool { specs.isEmpty && xapi.targets.isEmpty }

    var specs: [SourceSpec] {
        snapshots.map { .snapshot(path: $0) } + factsFiles.map { .facts(path: $0) }
    }

    /// `xapiMode`: in preflight each `--xapi` host is asked on its own; in audit, the pool.
    func gather(xapiMode: XapiGatherer.Mode = .audit) async throws -> Facts {
        var facts: Facts
        do {
            facts = try await Gathering.gather(specs)
        } catch {
            throw fail("\(error)")
        }
        facts.merge(try await xapi.gather(mode: xapiMode))
        return facts
    }
}
