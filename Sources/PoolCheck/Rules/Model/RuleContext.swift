import Addressing

/// The pool resolved once per run, for rules and gatherers alike (no I/O): the facts, the
/// plan (if any), the phase, the topology and the hosts (which PIF carries storage, which
/// address is planned, ...).
///
/// Configured reality decides and the plan is the expectation: in an audit the values the
/// pool is configured with are judged (the SR's own NFS server, the hosts' own masks); a
/// planned value stands in only where nothing is configured yet, and says so.
public final class PoolModel: Sendable {
    public let facts: Facts
    public let plan: Plan?
    public let phase: Phase
    public let topology: Topology
    public let hosts: [HostSubject]
    // A class, so a rule context is one reference to copy. Pool-wide values are resolved
    // once here: a rule reads them for every host, and resolving them per host would make
    // a run quadratic in hosts.
    /// The pool's master as the rules see it: the planned master, else the host that its
    /// pool's record names master (or the first host that shows a pool).
    public let masterView: HostSubject?
    /// The storage subnet: configured on a host (as its own mask makes it), else planned.
    /// In preflight the plan comes first: the subnet is still being designed.
    public let storageSubnet: (subnet: Subnet, origin: String)?
    public let managementSubnet: (subnet: Subnet, origin: String)?
    /// The NFS backing the configuration shows: the default SR's PBDs first.
    public let configuredNFS: NFSTarget?
    /// Each server's export list as the first host that was shown one saw it (`showmount -e`),
    /// a whole list with its client lists before a partial one.
    public let showmountLists: [String: (host: String, list: ExportList)]
    /// Position of each host in `hosts` by name (the first, if two share a name).
    private let hostSlots: [String: Int]
    /// Failed probes by the target they name, in the order they failed (indexes into `facts.probeFailures`).
    private let failuresByTarget: [String: [Int]]

    public init(facts: Facts, plan: Plan?, phase: Phase) {
        self.facts = facts
        self.plan = plan
        self.phase = phase
        let topology = Topology(facts: facts)
        self.topology = topology
        let hosts = HostSubject.resolveAll(topology: topology, plan: plan, phase: phase)
        self.hosts = hosts
        let masterView = Self.findMaster(hosts: hosts, plan: plan)
        self.masterView = masterView
        storageSubnet = Self.subnet(hosts: hosts, planned: plan?.storage?.subnet, plan: plan, phase: phase) { $0.storageAddress }
        managementSubnet = Self.subnet(hosts: hosts, planned: plan?.management?.subnet, plan: plan, phase: phase) { $0.managementAddress }
        configuredNFS = Self.findConfiguredNFS(hosts: hosts, master: masterView)
        var showmountLists: [String: (host: String, list: ExportList)] = [:]
        for observation in facts.hosts {
            // A whole list with every client list shown is preferred to a partial one.
            for list in observation.exportLists.reversed()
            where showmountLists[list.server].map({ !$0.list.isConclusive && list.isConclusive }) ?? true {
                showmountLists[list.server] = (observation.name, list)
            }
        }
        self.showmountLists = showmountLists
        var hostSlots: [String: Int] = [:]
        for (slot, host) in hosts.enumerated() where hostSlots[host.name] == nil { hostSlots[host.name] = slot }
        self.hostSlots = hostSlots
        var failuresByTarget: [String: [Int]] = [:]
        for (index, failure) in facts.probeFailures.enumerated() { failuresByTarget[failure.target, default: []].append(index) }
        self.failuresByTarget = failuresByTarget
    }

    private static func subnet(hosts: [HostSubject], planned: Subnet?, plan: Plan?, phase: Phase,
                               _ address: (HostSubject) -> AddressEvidence?) -> (subnet: Subnet, origin: String)? {
        var configured: (subnet: Subnet, origin: String)?
        for host in hosts {
            guard let evidence = address(host), !evidence.planned, let subnet = evidence.subnet else { continue }
            configured = (subnet.canonical, "\(evidence.origin) on \(host.name)")
            break
        }
        let fromPlan = planned.map { ($0, "plan \(plan!.file)") }
        return phase == .audit ? configured ?? fromPlan : fromPlan ?? configured
    }

    /// The NFS server that backs the storage: the SR's own (a PBD's device-config, or a
    /// mount), else the planned one. In preflight the plan comes first.
    public var nfsServer: NFSTarget? {
        let configured = configuredNFS
        let planned = plan?.nfs.map { NFSTarget(address: "\($0.server)", path: $0.path, origin: "plan \(plan!.file)", planned: true) }
        return phase == .audit ? configured ?? planned : planned ?? configured
    }

    private static func findConfiguredNFS(hosts: [HostSubject], master: HostSubject?) -> NFSTarget? {
        let defaultSR = master?.pool?.default_SR
        let backings = hosts.compactMap(\.nfsBacking)
        let backing = backings.first { $0.sr != nil && $0.sr == defaultSR } ?? backings.first
        return backing.map { NFSTarget(address: $0.server, path: $0.path, origin: $0.origin, planned: false) }
    }

    private static func findMaster(hosts: [HostSubject], plan: Plan?) -> HostSubject? {
        if let name = plan?.pool.master, let host = hosts.first(where: { $0.name == name }) { return host }
        return hosts.first { host in
            guard let pool = host.poolRecord, let own = host.record else { return false }
            return pool.master == own.uuid
        } ?? hosts.first { $0.pool != nil }
    }

    /// The host named `name` (the first, if two share it).
    public func host(named name: String) -> HostSubject? { hostSlots[name].map { hosts[$0] } }

    /// The first failed probe of `source` that names `host` (its name, planned or recorded
    /// address), found by target rather than by a scan of every failure for every host.
    func probeFailure(for host: HostSubject, source: EvidenceKind) -> ProbeFailure? {
        let names = [host.name, host.plan?.address.map { "\($0)" }, host.record?.address].compactMap { $0 }
        let first = Set(names).flatMap { failuresByTarget[$0] ?? [] }.filter { facts.probeFailures[$0].source == source }.min()
        return first.map { facts.probeFailures[$0] }
    }

    /// Unresolved conflicts between sources, about any host or the pool.
    public var disputes: [FactConflict] { facts.conflicts.filter { $0.resolution == nil } }
}

/// What a check sees: the resolved pool, and the failures of the sources it was built from.
@dynamicMemberLookup
public struct RuleContext: Sendable {
    public let model: PoolModel

    public init(facts: Facts, plan: Plan?, phase: Phase) {
        model = PoolModel(facts: facts, plan: plan, phase: phase)
    }

    public subscript<Value>(dynamicMember path: KeyPath<PoolModel, Value>) -> Value { model[keyPath: path] }

    public var facts: Facts { model.facts }
    public var plan: Plan? { model.plan }
    public var phase: Phase { model.phase }
    public var hosts: [HostSubject] { model.hosts }
    public var topology: Topology { model.topology }

    /// A failed probe for this host and source, which makes its checks `error`.
    public func probeFailure(for host: HostSubject, source: EvidenceKind) -> ProbeFailure? {
        model.probeFailure(for: host, source: source)
    }

    public func host(named name: String) -> HostSubject? { model.host(named: name) }

    /// Failed sources that could have supplied what a rule of this kind reads.
    func failures(supplying kind: EvidenceKind) -> [ProbeFailure] {
        facts.probeFailures.filter { failure in
            switch kind {
            case .xapi, .snapshot, .facts: failure.source.suppliesPoolRecords
            case .nfs, .nfsExports, .showmount: failure.source.suppliesNFS
            case .traffic: failure.source == .traffic
            }
        }
    }
}

/// An NFS server and export path, with where they were read and whether only planned.
public struct NFSTarget: Sendable, Equatable {
    public var address: String
    public var path: String?
    public var origin: String
    public var planned: Bool
}
