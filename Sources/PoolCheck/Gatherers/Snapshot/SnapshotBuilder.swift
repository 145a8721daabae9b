/// Everything read from one transcript file so far: one view per host (in the order hosts
/// were first seen), probe failures and warnings. `build()` turns it into the facts of
/// that one source.
struct SnapshotBuilder: Sendable {
    private(set) var views: [ViewBuilder] = []
    private var index: [String: Int] = [:]
    var probeFailures: [ProbeFailure] = []
    var warnings: [String] = []
    /// The view of xe output under prompts that name no host: its records count, it is no host.
    static let unnamedHost = ""

    /// The view of `host`, created on first use.
    mutating func view(_ host: String) -> Int {
        if let found = index[host] { return found }
        views.append(ViewBuilder(name: host))
        index[host] = views.count - 1
        return views.count - 1
    }

    mutating func withView<T>(_ slot: Int, _ body: (inout ViewBuilder) -> T) -> T {
        body(&views[slot])
    }

    /// The facts of this one file. Every host's xe reads the same pool database, and one
    /// file is one session in time order, so the hosts' listings merge into one database,
    /// a later host's copy of a field winning.
    func build(path: String) -> Facts {
        var database = XapiDatabase()
        for view in views { database.absorb(view.database()) }
        var facts = Facts(source: EvidenceSource(kind: .snapshot, label: path), database: database,
                          memberships: views.compactMap(\.membership),
                          hosts: views.filter { $0.name != Self.unnamedHost }.map { $0.observation() },
                          warnings: warnings)
        facts.probeFailures = probeFailures
        return facts
    }
}

extension XapiDatabase {
    /// Adds records of the same source (no conflicts: the later copy of a field wins).
    mutating func absorb(_ other: XapiDatabase) {
        Self.absorb(&pools, other.pools)
        Self.absorb(&hosts, other.hosts)
        Self.absorb(&PIFs, other.PIFs)
        Self.absorb(&bonds, other.bonds)
        Self.absorb(&networks, other.networks)
        Self.absorb(&VLANs, other.VLANs)
        Self.absorb(&tunnels, other.tunnels)
        Self.absorb(&SRs, other.SRs)
        Self.absorb(&PBDs, other.PBDs)
        Self.absorb(&VMs, other.VMs)
    }

    private static func absorb<Record: ModelledRecord>(_ set: inout RecordSet<Record>?, _ new: RecordSet<Record>?) {
        guard let new else { return }
        guard var merged = set else {
            set = new
            return
        }
        var index = merged.slots
        for record in new.records {
            if let slot = index[record.uuid] {
                _ = merged.records[slot].absorb(record, preferOther: true)
            } else {
                index[record.uuid] = merged.records.count
                merged.records.append(record)
            }
        }
        merged.noteCompleteness(of: new)
        set = merged
    }
}
