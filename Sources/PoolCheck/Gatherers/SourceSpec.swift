import NFSProbe

/// One place facts come from, as named on the command line.
public enum SourceSpec: Sendable, Equatable {
    /// xe/ifconfig/showmount/mount transcripts: a file or a folder of them.
    case snapshot(path: String)
    /// Facts JSON written earlier by `poolcheck facts`.
    case facts(path: String)
    /// An NFS server asked live over RPC.
    case nfs(server: String)
}

/// How live sources are asked.
public struct GatherOptions: Sendable {
    /// Deadline of each network step.
    public var timeout: Duration
    /// Source address for NFS queries (a host's storage IP), when given.
    public var nfsSource: String?
    /// Never ask a server that was not named: no query of the plan's NFS server by default.
    public var offline: Bool

    public init(timeout: Duration = .seconds(5), nfsSource: String? = nil, offline: Bool = false) {
        self.timeout = timeout
        self.nfsSource = nfsSource
        self.offline = offline
    }
}

/// Gathers facts from every source and merges them. Files are read first (a bad one is
/// a usage error); live sources are asked concurrently, and one that fails becomes a
/// ProbeFailure for its rules while the rest of the run goes on.
public enum Gathering {
    public static func gather(_ sources: [SourceSpec], plan: Plan? = nil, options: GatherOptions = GatherOptions()) async throws -> Facts {
        var facts = Facts()
        var servers: [String] = []
        for source in sources {
            switch source {
            case let .snapshot(path):
                facts.merge(try SnapshotGatherer.gather(path: path))
            case let .facts(path):
                facts.merge(try FactsFile.read(path: path))
            case let .nfs(server):
                if !servers.contains(server) { servers.append(server) }
            }
        }
        // The plan's NFS server is asked by default when no evidence lists its exports.
        if let planned = plan?.nfs.map({ "\($0.server)" }), !options.offline, !servers.contains(planned),
           !facts.nfsServers.contains(where: { $0.server == planned }),
           !facts.views.contains(where: { $0.exportLists.contains { $0.server == planned } }) {
            servers.append(planned)
        }
        let probeOptions = NFSProbeOptions(timeout: options.timeout, sourceAddress: options.nfsSource)
        let live = await withTaskGroup(of: Facts.self) { group in
            for server in servers {
                group.addTask { await NFSGatherer.gather(server: server, options: probeOptions) }
            }
            var merged: [Facts] = []
            for await facts in group { merged.append(facts) }
            return merged
        }
        for server in servers {
            // Keep the command line's order, whatever order the answers came in.
            if let found = live.first(where: { $0.nfsServers.first?.server == server || $0.probeFailures.first?.target == server }) {
                facts.merge(found)
            }
        }
        return facts
    }
}
