import Addressing

/// What a check sees: the facts, the plan (if any), the phase, and the pool's hosts
/// resolved once (which PIF carries storage, which address is planned, ...).
public struct RuleContext: Sendable {
    public let facts: Facts
    public let plan: Plan?
    public let phase: Phase
    public let hosts: [HostSubject]
    /// Records as any member showed them, fullest copy of each.
    public let pool: PoolRecords

    public init(facts: Facts, plan: Plan?, phase: Phase) {
        self.facts = facts
        self.plan = plan
        self.phase = phase
        self.pool = PoolRecords(views: facts.views)
        self.hosts = HostSubject.resolveAll(facts: facts, plan: plan, pool: pool)
    }

    /// The storage subnet: planned, else the one the first configured host uses.
    public var storageSubnet: (subnet: Subnet, origin: String)? {
        if let planned = plan?.storage?.subnet { return (planned, "plan \(plan!.file)") }
        for host in hosts {
            if let address = host.storageAddress, let subnet = address.subnet, !address.planned {
                return (subnet.canonical, address.origin)
            }
        }
        return nil
    }

    public var managementSubnet: (subnet: Subnet, origin: String)? {
        if let planned = plan?.management?.subnet { return (planned, "plan \(plan!.file)") }
        for host in hosts {
            if let address = host.managementAddress, let subnet = address.subnet, !address.planned {
                return (subnet.canonical, address.origin)
            }
        }
        return nil
    }

    /// The NFS server that backs (or will back) the storage: planned, else the SR's device-config.
    public var nfsServer: (address: String, path: String?, origin: String)? {
        if let nfs = plan?.nfs { return ("\(nfs.server)", nfs.path, "plan \(plan!.file)") }
        for host in hosts {
            if let sr = host.nfsBacking { return (sr.server, sr.path, sr.origin) }
        }
        return nil
    }

    /// The pool's view as its master reports it (or the first view that shows a pool).
    public var masterView: HostSubject? {
        if let name = plan?.pool.master, let host = hosts.first(where: { $0.name == name }) { return host }
        return hosts.first { host in
            guard let pool = host.pool, let own = host.record else { return false }
            return pool.master == own.uuid
        } ?? hosts.first { $0.pool != nil }
    }

    /// A failed probe for this host and source, which makes its checks `error`.
    public func probeFailure(for host: HostSubject, source: String) -> ProbeFailure? {
        facts.probeFailures.first { failure in
            failure.source == source && (failure.target == host.name
                || failure.target == host.plan?.address.map { "\($0)" }
                || failure.target == host.record?.address)
        }
    }
}
