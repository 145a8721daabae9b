import Addressing

/// One host of the pool as the rules see it: its plan entry, its record in the pool
/// database, what it showed at its own prompt, and the interfaces resolved from those
/// (storage, management) with where each fact came from. Built once per run by
/// `resolveAll`; a member seen only through the master's listings is a full host.
/// A class, not a struct: every check reads every host, and copying this many references
/// on each read cost 5% of a 4,000-host audit in retains and releases.
public final class HostSubject: Sendable {
    public let name: String
    public let plan: Plan.HostSpec?
    /// The host's record in the pool database.
    public let record: Host?
    /// What the host showed at its own prompt (nil when it was seen only in listings).
    public let observation: HostObservation?
    /// The pool it is in, as the database has it.
    public let poolRecord: Pool?
    /// The pool record as this host reports it: its own reading, else the database's.
    public let pool: Pool?
    /// Whether `pool` is the host's own reading (it ran `xe pool-list` itself).
    public let poolIsOwnReading: Bool
    /// This host's PIFs; nil when they were not collected.
    public let pifs: [PIF]?
    public let storagePIF: PIF?
    public let storageAddress: AddressEvidence?
    public let managementPIF: PIF?
    public let managementAddress: AddressEvidence?
    /// The NFS SR's server and path as this host's PBD or mount shows it.
    public let nfsBacking: NFSBacking?
    /// Unresolved conflicts between sources about this host.
    public let disputes: [FactConflict]

    public var target: Target { Target(kind: "host", name: name, uuid: record?.uuid) }
    /// Whether any source showed anything about this host.
    public var hasEvidence: Bool { record != nil || observation != nil }
    /// Whether the host's interfaces (PIFs or OS addresses) were collected.
    public var interfacesKnown: Bool { pifs != nil || observation?.interfaces != nil }
    /// Where this host's evidence was read, for messages.
    public var sourceNote: String { observation?.sources.joined(separator: ", ") ?? (record == nil ? "no evidence" : "the pool database") }

    /// Plan hosts first (in plan order), then hosts seen at a prompt or asked, then (in an
    /// audit) the audited pool's other members from the database.
    static func resolveAll(topology: Topology, plan: Plan?, phase: Phase) -> [HostSubject] {
        var subjects: [HostSubject] = []
        var usedRecords: Set<String> = []
        var usedObservations: Set<String> = []
        func add(_ name: String, spec: Plan.HostSpec?, record: Host?, observation: HostObservation?) {
            if let record { usedRecords.insert(record.uuid) }
            if let observation { usedObservations.insert(observation.name) }
            subjects.append(HostSubject(name: name, spec: spec, record: record, observation: observation,
                                        plan: plan, topology: topology))
        }
        for spec in plan?.hosts ?? [] {
            let observation = topology.observationsByName[spec.name]
            let record = topology.hostRecord(named: spec.name) ?? observation?.hostname.flatMap(topology.hostRecord(named:))
                ?? spec.address.flatMap { topology.hostsByAddress["\($0)"] }
            let seen = observation ?? record.flatMap { record in
                [record.name_label, record.hostname].lazy.compactMap { $0 }.compactMap { topology.observationsByName[$0] }.first
            }
            add(spec.name, spec: spec, record: record, observation: seen)
        }
        for observation in topology.facts.hosts where !usedObservations.contains(observation.name) {
            let record = topology.hostRecord(named: observation.name) ?? observation.hostname.flatMap(topology.hostRecord(named:))
            if let record, usedRecords.contains(record.uuid) { continue }
            add(observation.name, spec: nil, record: record, observation: observation)
        }
        let audited = auditedPool(subjects: subjects, topology: topology, plan: plan)
        if phase == .audit || subjects.isEmpty {
            for host in topology.facts.database.hosts?.records ?? [] where !usedRecords.contains(host.uuid) {
                if let audited, topology.poolOfHost[host.uuid].map({ $0 != audited }) ?? false { continue }
                add(Self.displayName(host), spec: nil, record: host, observation: nil)
            }
        }
        return subjects
    }

    /// The pool under audit: the planned pool by name, else the pool of a host seen at a
    /// prompt, else the only one.
    private static func auditedPool(subjects: [HostSubject], topology: Topology, plan: Plan?) -> String? {
        if let name = plan?.pool.name, let pool = topology.poolsByUUID.values.first(where: { $0.name_label == name }) {
            return pool.uuid
        }
        return subjects.lazy.compactMap { $0.poolRecord?.uuid }.first ?? (topology.poolCount == 1 ? topology.poolsByUUID.keys.first : nil)
    }

    static func displayName(_ host: Host) -> String {
        [host.name_label, host.hostname].compactMap { $0 }.first { !$0.isEmpty } ?? host.uuid
    }

    init(name: String, spec: Plan.HostSpec?, record: Host?, observation: HostObservation?, plan: Plan?, topology: Topology) {
        self.name = name
        self.plan = spec
        self.record = record
        self.observation = observation
        let poolUUID = topology.poolUUID(of: record, observation: observation)
        let poolRecord = poolUUID.flatMap(topology.pool)
        self.poolRecord = poolRecord
        pool = observation?.pool ?? poolRecord
        poolIsOwnReading = observation?.pool != nil
        let pifs = topology.pifs(of: record, observation: observation, pool: poolUUID)
        self.pifs = pifs
        let managementPIF = pifs?.first { $0.management == true }
        self.managementPIF = managementPIF
        let storagePIF = Self.findStoragePIF(pifs: pifs, spec: spec, plan: plan, management: managementPIF)
        self.storagePIF = storagePIF
        storageAddress = Self.address(of: storagePIF, observation: observation, device: storagePIF?.device ?? plan?.storage?.device,
                                      planned: spec?.storageIP, plannedSubnet: plan?.storage?.subnet)
        managementAddress = Self.address(of: managementPIF, observation: observation, device: managementPIF?.device,
                                         planned: spec?.address, plannedSubnet: plan?.management?.subnet)
        nfsBacking = Self.nfsBacking(record: record, observation: observation, name: name, topology: topology)
        disputes = topology.disputes(of: record, name: name)
    }

    private static func findStoragePIF(pifs: [PIF]?, spec: Plan.HostSpec?, plan: Plan?, management: PIF?) -> PIF? {
        guard let pifs else { return nil }
        var candidate: PIF?
        if let ip = spec?.storageIP, let match = pifs.first(where: { $0.IP == "\(ip)" }) {
            candidate = match
        } else if let device = plan?.storage?.device, let match = pifs.first(where: { $0.device == device }) {
            candidate = match
        } else if let subnet = plan?.storage?.subnet,
                  let match = pifs.first(where: { pif in pif.IP.flatMap(IPAddress.init).map(subnet.contains) ?? false }) {
            candidate = match
        } else if plan?.storage == nil {
            // No plan: a single non-management PIF with an address is the storage interface.
            let addressed = pifs.filter { $0.management != true && !($0.IP ?? "").isEmpty }
            if addressed.count == 1 { candidate = addressed[0] }
        }
        // A bonded NIC carries no address: its bond's master PIF does.
        if let slave = candidate, let bond = slave.bond_slave_of, !bond.isEmpty {
            return pifs.first { $0.bond_master_of?.contains(bond) ?? false } ?? slave
        }
        return candidate
    }

    /// The address of an interface: xe's PIF record, else the OS's view of its bridge,
    /// else (not configured yet) the planned address.
    private static func address(of pif: PIF?, observation: HostObservation?, device: String?, planned: IPAddress?,
                                plannedSubnet: Subnet?) -> AddressEvidence? {
        if let pif, let ip = pif.IP.flatMap(IPAddress.init) {
            return AddressEvidence(address: ip, netmask: pif.netmask, gateway: pif.gateway, mode: pif.ip_configuration_mode,
                                   interface: pif.device, origin: "xe PIF \(pif.device ?? pif.uuid)", planned: false)
        }
        if let observation, let interfaces = observation.interfaces {
            let bridge = device.map { $0.replacingOccurrences(of: "eth", with: "xenbr") }
            // The best address the OS shows, not the first. A plan in one family is judged
            // only against that family (an `ip -6 addr` reading says nothing about IPv4), a
            // link-local address never, and without a plan IPv4 comes before IPv6.
            let family = planned?.family ?? plannedSubnet?.family
            var best: (rank: Int, evidence: AddressEvidence)?
            for interface in interfaces {
                for (index, text) in interface.addresses.enumerated() {
                    let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
                    guard let ip = IPAddress(parts[0]), !ip.isLinkLocalIPv6, family.map({ $0 == ip.family }) ?? true else { continue }
                    let onDevice = interface.name == device || interface.name == bridge
                    let rank = planned == ip ? 0 : (plannedSubnet?.contains(ip) ?? false) ? 1
                        : !onDevice ? nil : ip.family == .v4 ? 2 : 3
                    guard let rank, rank < (best?.rank ?? .max) else { continue }
                    let mask = interface.netmask(ofAddressAt: index) ?? (parts.count > 1 ? parts[1] : nil)
                    best = (rank, AddressEvidence(address: ip, netmask: mask, gateway: nil, mode: nil, interface: interface.name,
                                                  origin: "OS interface \(interface.name) on \(observation.name)", planned: false))
                }
            }
            if let best { return best.evidence }
        }
        if let planned {
            return AddressEvidence(address: planned, netmask: plannedSubnet.map { "\($0.prefixLength)" }, gateway: nil,
                                   mode: nil, interface: device, origin: "planned, not configured yet", planned: true)
        }
        return nil
    }

    private static func nfsBacking(record: Host?, observation: HostObservation?, name: String, topology: Topology) -> NFSBacking? {
        for pbd in topology.pbds(of: record) {
            guard let config = pbd.device_config, let server = config["server"] else { continue }
            if let sr = pbd.SR.flatMap(topology.sr), let type = sr.type, type != "nfs" { continue }
            return NFSBacking(server: server, path: config["serverpath"], sr: pbd.SR, origin: "PBD \(pbd.uuid) device-config of \(name)")
        }
        for mount in observation?.mounts ?? [] where mount.type.hasPrefix("nfs") {
            let parts = mount.device.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            return NFSBacking(server: parts[0], path: parts[1], sr: nil, origin: "mount on \(name)")
        }
        return nil
    }
}

/// Where an NFS SR's data lives, as the configuration (a PBD's device-config or a mount) says.
public struct NFSBacking: Sendable, Equatable {
    public var server: String
    public var path: String?
    /// The SR's uuid, when read from its PBD.
    public var sr: String?
    public var origin: String
}
