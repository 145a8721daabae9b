import NFSProbe

/// Gathers facts from every source and merges them. Files are read first (a bad one is
/// a usage error); live sources are asked concurrently, and one that fails becomes a
/// ProbeFailure for its rules while the rest of the run goes on.
public enum Gathering {
    /// `seed`: facts already gathered (XAPI), merged first so later sources can use them.
    public static func gather(_ sources: [SourceSpec], plan: Plan? = nil, options: GatherOptions = GatherOptions(),
                              seed: Facts = Facts()) async throws -> Facts {
        var facts = seed
        var servers: [String] = []
        var pcaps: [CaptureSpec] = []
        var captures: [CaptureSpec] = []
        for source in sources {
            switch source {
            case let .snapshot(path):
                facts.merge(try SnapshotGatherer.gather(path: path))
            case let .facts(path):
                facts.merge(try FactsFile.read(path: path))
            case let .nfs(server):
                if !servers.contains(server) { servers.append(server) }
            case let .pcap(spec):
                pcaps.append(spec)
            case let .capture(spec):
                captures.append(spec)
            }
        }
        // The plan's NFS server is asked by default when no evidence lists its exports in full.
        if let planned = plan?.nfs.map({ "\($0.server)" }), !options.offline, !servers.contains(planned),
           !facts.nfsServers.contains(where: { $0.server == planned }),
           !facts.hosts.contains(where: { $0.exportLists.contains { $0.server == planned && $0.isConclusive } }) {
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
        // Captures come last: they need the NFS server's address and mountd port.
        if !pcaps.isEmpty { facts.traffic += try TrafficGatherer.read(pcaps, facts: facts, plan: plan) }
        if !captures.isEmpty {
            facts.merge(await TrafficGatherer.capture(captures, duration: options.captureDuration, facts: facts, plan: plan,
                                                      probeOptions: probeOptions))
        }
        return facts
    }
}
