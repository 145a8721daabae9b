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
        let databases = views.map { $0.database() }
        var database = XapiDatabase()
        database.pools = Self.merged(databases.map(\.pools))
        database.hosts = Self.merged(databases.map(\.hosts))
        database.PIFs = Self.merged(databases.map(\.PIFs))
        database.bonds = Self.merged(databases.map(\.bonds))
        database.networks = Self.merged(databases.map(\.networks))
        database.VLANs = Self.merged(databases.map(\.VLANs))
        database.tunnels = Self.merged(databases.map(\.tunnels))
        database.SRs = Self.merged(databases.map(\.SRs))
        database.PBDs = Self.merged(databases.map(\.PBDs))
        database.VMs = Self.merged(databases.map(\.VMs))
        var facts = Facts(source: EvidenceSource(kind: .snapshot, label: path), database: database,
                          memberships: views.compactMap(\.membership),
                          hosts: views.filter { $0.name != Self.unnamedHost }.map { $0.observation() },
                          warnings: warnings)
        facts.probeFailures = probeFailures
        return facts
    }

    /// One class's records as every host listed them, in host order (no conflicts within one
    /// source: the later copy of a field wins). One uuid index serves every host, and the
    /// list is changed in place: rebuilding the index (and copying the list) per host made a
    /// file naming thousands of hosts quadratic.
    private static func merged<Record: ModelledRecord>(_ sets: [RecordSet<Record>?]) -> RecordSet<Record>? {
        var result: RecordSet<Record>?
        var index: [String: Int] = [:]
        var completePools: Set<String> = []
        for case let new? in sets {
            guard var merged = result else {
                result = new
                index = new.slots
                completePools = Set(new.completePools ?? [])
                continue
            }
            result = nil  // the only copy is `merged` now, so appending does not copy the list
            for record in new.records {
                if let slot = index[record.uuid] {
                    _ = merged.records[slot].absorb(record, preferOther: true)
                } else {
                    index[record.uuid] = merged.records.count
                    merged.records.append(record)
                }
            }
            // As RecordSet.noteCompleteness, with a set: thousands of one-host pools in one file.
            merged.complete = merged.complete || new.complete
            var pools = merged.completePools ?? []
            for pool in new.completePools ?? [] where completePools.insert(pool).inserted { pools.append(pool) }
            merged.completePools = pools
            result = merged
        }
        return result
    }
}
