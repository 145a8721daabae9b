/// One place facts come from, as named on the command line.
public enum SourceSpec: Sendable, Equatable {
    /// xe/ifconfig/showmount/mount transcripts: a file or a folder of them.
    case snapshot(path: String)
    /// Facts JSON written earlier by `poolcheck facts`.
    case facts(path: String)
}

/// Gathers facts from every source and merges them.
public enum Gathering {
    public static func gather(_ sources: [SourceSpec]) async throws -> Facts {
        var facts = Facts()
        for source in sources {
            switch source {
            case let .snapshot(path):
                facts.merge(try SnapshotGatherer.gather(path: path))
            case let .facts(path):
                facts.merge(try FactsFile.read(path: path))
            }
        }
        return facts
    }
}
