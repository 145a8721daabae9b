/// The pool database with its links resolved once per run, so no rule or gatherer scans
/// every record for every host: records by uuid, PIFs and PBDs by host, each host's pool,
/// and the hosts that sources showed at a prompt. Pure: no I/O.
public struct Topology: Sendable {
    public let facts: Facts
    public let hostsByUUID: [String: Host]
    /// Host records by name-label and by hostname.
    let hostsByName: [String: Host]
    /// Host records by management address.
    let hostsByAddress: [String: Host]
    let pifsByUUID: [String: PIF]
    let pifsByHost: [String: [PIF]]
    let bondsByUUID: [String: Bond]
    let networksByUUID: [String: Network]
    let srsByUUID: [String: SR]
    let pbdsBySR: [String: [PBD]]
    let pbdsByHost: [String: [PBD]]
    /// SR uuid → host uuid → the first PBD that plugs it there.
    private let pbdBySRAndHost: [String: [String: PBD]]
    let poolsByUUID: [String: Pool]
    /// Host uuid → uuid of the pool whose host list showed it.
    let poolOfHost: [String: String]
    let observationsByName: [String: HostObservation]
    /// Unresolved conflicts (indexes into `facts.conflicts`): pool-wide ones, and by the host
    /// (name or uuid) they concern, so a host's disputes are found without a scan of them all.
    private let poolWideDisputes: [Int]
    private let disputesByHost: [String: [Int]]
    /// Indexes into `facts.memberships`, by pool.
    private let membershipsByPool: [String: [Int]]

    public init(facts: Facts) {
        self.facts = facts
        let database = facts.database
        let hosts = database.hosts?.records ?? []
        hostsByUUID = Self.index(hosts)
        var byName: [String: Host] = [:]
        for host in hosts {
            for name in [host.name_label, host.hostname].compactMap({ $0 }) where !name.isEmpty && byName[name] == nil {
                byName[name] = host
            }
        }
        hostsByName = byName
        hostsByAddress = Dictionary(hosts.compactMap { host in host.address.map { ($0, host) } }, uniquingKeysWith: { first, _ in first })
        let pifs = database.PIFs?.records ?? []
        pifsByUUID = Self.index(pifs)
        pifsByHost = Dictionary(grouping: pifs.filter { $0.host != nil }) { $0.host! }
        bondsByUUID = Self.index(database.bonds?.records ?? [])
        networksByUUID = Self.index(database.networks?.records ?? [])
        srsByUUID = Self.index(database.SRs?.records ?? [])
        let pbds = database.PBDs?.records ?? []
        pbdsBySR = Dictionary(grouping: pbds.filter { $0.SR != nil }) { $0.SR! }
        pbdsByHost = Dictionary(grouping: pbds.filter { $0.host != nil }) { $0.host! }
        var pbdBySRAndHost: [String: [String: PBD]] = [:]
        for pbd in pbds {
            guard let sr = pbd.SR, let host = pbd.host, pbdBySRAndHost[sr]?[host] == nil else { continue }
            pbdBySRAndHost[sr, default: [:]][host] = pbd
        }
        self.pbdBySRAndHost = pbdBySRAndHost
        poolsByUUID = Self.index(database.pools?.records ?? [])
        var poolOfHost: [String: String] = [:]
        for membership in facts.memberships {
            for host in membership.hosts { poolOfHost[host] = membership.pool }
        }
        // A host that is its pool's master is in that pool, whatever list showed it.
        for pool in database.pools?.records ?? [] {
            if let master = pool.master { poolOfHost[master] = pool.uuid }
        }
        self.poolOfHost = poolOfHost
        observationsByName = Dictionary(facts.hosts.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var poolWide: [Int] = [], byHost: [String: [Int]] = [:]
        for (index, conflict) in facts.conflicts.enumerated() where conflict.resolution == nil {
            if let host = conflict.host { byHost[host, default: []].append(index) } else { poolWide.append(index) }
        }
        poolWideDisputes = poolWide
        disputesByHost = byHost
        var byPool: [String: [Int]] = [:]
        for (index, membership) in facts.memberships.enumerated() { byPool[membership.pool, default: []].append(index) }
        membershipsByPool = byPool
    }

    private static func index<Record: XapiRecord>(_ records: [Record]) -> [String: Record] {
        Dictionary(records.map { ($0.uuid, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func pif(_ uuid: String) -> PIF? { pifsByUUID[uuid] }
    public func bond(_ uuid: String) -> Bond? { bondsByUUID[uuid] }
    public func network(_ uuid: String) -> Network? { networksByUUID[uuid] }
    public func sr(_ uuid: String) -> SR? { srsByUUID[uuid] }
    public func pool(_ uuid: String) -> Pool? { poolsByUUID[uuid] }
    public func pbds(ofSR uuid: String) -> [PBD] { pbdsBySR[uuid] ?? [] }
    /// The PBD that plugs SR `sr` on host `host` (the first, if the evidence shows several).
    public func pbd(ofSR sr: String, host: String) -> PBD? { pbdBySRAndHost[sr]?[host] }
    public var poolCount: Int { poolsByUUID.count }

    /// The host record a name stands for: its name-label or hostname.
    func hostRecord(named name: String) -> Host? { hostsByName[name] }

    /// The pool a host is in: the one its own xe showed, else the one whose host list showed
    /// it, else the only pool the evidence knows.
    func poolUUID(of host: Host?, observation: HostObservation?) -> String? {
        if let own = observation?.pool?.uuid { return own }
        if let uuid = host?.uuid, let pool = poolOfHost[uuid] { return pool }
        // A host no source showed is in no pool the evidence knows.
        return host != nil && poolsByUUID.count == 1 ? poolsByUUID.keys.first : nil
    }

    /// Hosts the evidence shows in `pool`, and whether that list is the whole pool.
    public func members(ofPool pool: String) -> (hosts: [Host], complete: Bool) {
        let memberships = (membershipsByPool[pool] ?? []).map { facts.memberships[$0] }
        var uuids = memberships.flatMap(\.hosts)
        if let master = poolsByUUID[pool]?.master, !uuids.contains(master) { uuids.append(master) }
        var seen: Set<String> = []
        let hosts = uuids.filter { seen.insert($0).inserted }.map { hostsByUUID[$0] ?? Host(uuid: $0) }
        return (hosts, memberships.contains { $0.complete })
    }

    /// Whether the whole of `pool`'s records of a class were listed, so a missing one is absent.
    func isComplete<Record>(_ set: RecordSet<Record>?, pool: String?) -> Bool {
        set?.isComplete(forPool: pool, poolCount: poolCount) ?? false
    }

    /// The PIFs of a host: those whose host-uuid is its, and those its own prompt listed
    /// without naming a host. Nil when no PIF of this host is known and the pool's PIF
    /// list was not read in full (not "no PIFs": not collected).
    func pifs(of host: Host?, observation: HostObservation?, pool: String?) -> [PIF]? {
        guard host != nil || observation != nil else { return nil }
        var result = host.flatMap { pifsByHost[$0.uuid] } ?? []
        for uuid in observation?.localPIFs ?? [] {
            if let pif = pifsByUUID[uuid], pif.host == nil || pif.host == host?.uuid, !result.contains(where: { $0.uuid == uuid }) {
                result.append(pif)
            }
        }
        if result.isEmpty && !isComplete(facts.database.PIFs, pool: pool) { return nil }
        return result
    }

    /// The PBDs of a host, by host-uuid.
    func pbds(of host: Host?) -> [PBD] { host.flatMap { pbdsByHost[$0.uuid] } ?? [] }

    /// Unresolved conflicts about a host: its own records and readings, and pool-wide ones.
    func disputes(of host: Host?, name: String) -> [FactConflict] {
        var indexes = poolWideDisputes + (disputesByHost[name] ?? [])
        if let uuid = host?.uuid, uuid != name { indexes += disputesByHost[uuid] ?? [] }
        return indexes.sorted().map { facts.conflicts[$0] }
    }
}
