import Addressing

/// One host of the pool as the rules see it: its plan entry, what it reported, and the
/// interfaces resolved from those (storage, management) with where each fact came from.
public struct HostSubject: Sendable {
    public var name: String
    public var plan: Plan.HostSpec?
    public var view: HostView?
    /// The host's own record in its view.
    public var record: Host?
    /// This host's PIFs in its view; nil when no PIF list was read.
    public var pifs: [PIF]?
    public var storagePIF: PIF?
    public var storageAddress: AddressEvidence?
    public var managementPIF: PIF?
    public var managementAddress: AddressEvidence?
    /// The NFS SR's server and path as this host's PBD or mount shows it.
    public var nfsBacking: (server: String, path: String?, origin: String)?

    public var target: Target { Target(kind: "host", name: name, uuid: record?.uuid) }
    public var database: XapiDatabase? { view?.database }
    public var pool: Pool? { view?.database.pool }
    /// Where this host's evidence was read, for messages.
    public var sourceNote: String { view?.sources.joined(separator: ", ") ?? "no evidence" }

    /// Plan hosts first (in plan order), then hosts only the evidence knows.
    static func resolveAll(facts: Facts, plan: Plan?, pool: PoolRecords) -> [HostSubject] {
        var subjects: [HostSubject] = []
        var used: Set<String> = []
        for spec in plan?.hosts ?? [] {
            let view = facts.views.first { view in
                view.name == spec.name || view.selfRecord?.name_label == spec.name
                    || (spec.address != nil && view.selfRecord?.address == "\(spec.address!)")
            }
            if let view { used.insert(view.name) }
            subjects.append(HostSubject(name: spec.name, plan: spec, view: view, plan: plan, pool: pool))
        }
        for view in facts.views where !used.contains(view.name) {
            subjects.append(HostSubject(name: view.name, plan: nil, view: view, plan: plan, pool: pool))
        }
        return subjects
    }

    init(name: String, plan spec: Plan.HostSpec?, view: HostView?, plan: Plan?, pool: PoolRecords) {
        self.name = name
        self.plan = spec
        self.view = view
        self.record = view?.selfRecord
        self.pifs = Self.ownPIFs(view: view, record: record, pool: pool)
        self.managementPIF = pifs?.first { $0.management == true }
        self.storagePIF = Self.findStoragePIF(pifs: pifs, spec: spec, plan: plan, management: managementPIF)
        self.storageAddress = Self.address(of: storagePIF, view: view, device: storagePIF?.device ?? plan?.storage?.device,
                                           planned: spec?.storageIP, plannedSubnet: plan?.storage?.subnet)
        self.managementAddress = Self.address(of: managementPIF, view: view, device: managementPIF?.device,
                                              planned: spec?.address, plannedSubnet: plan?.management?.subnet)
        self.nfsBacking = Self.nfsBacking(view: view, record: record)
    }

    /// PIFs on this host, as any member's xe showed them. `xe pif-list` does not print
    /// host-uuid by default; a PIF without one in this host's own view is taken as the
    /// local host's (as `xe pif-list host-uuid=$INSTALLATION_UUID` shows).
    private static func ownPIFs(view: HostView?, record: Host?, pool: PoolRecords) -> [PIF]? {
        guard let view else { return nil }
        let known = record.flatMap { pool.pifsByHost[$0.uuid] } ?? []
        let local = (view.database.PIFs?.records ?? []).filter { pif in
            if let host = pif.host { return host == record?.uuid }
            if let label = pif.host_name_label { return label == record?.name_label || label == view.name }
            return true
        }
        // A local copy without host-uuid is replaced by a fuller copy another view showed.
        let merged = local.map { pif in pool.pif(pif.uuid).map { $0.shownCount >= pif.shownCount ? $0 : pif } ?? pif }
        let all = merged + known.filter { pif in !merged.contains { $0.uuid == pif.uuid } }
        return all.isEmpty && pool.PIFs.isEmpty && view.database.PIFs == nil ? nil : all
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
    private static func address(of pif: PIF?, view: HostView?, device: String?, planned: IPAddress?,
                                plannedSubnet: Subnet?) -> AddressEvidence? {
        if let pif, let ip = pif.IP.flatMap(IPAddress.init) {
            return AddressEvidence(address: ip, netmask: pif.netmask, gateway: pif.gateway, mode: pif.ip_configuration_mode,
                                   interface: pif.device, origin: "xe PIF \(pif.device ?? pif.uuid) on \(view?.name ?? "?")",
                                   planned: false)
        }
        if let interfaces = view?.interfaces {
            let bridge = device.map { $0.replacingOccurrences(of: "eth", with: "xenbr") }
            for interface in interfaces {
                for (index, text) in interface.addresses.enumerated() {
                    let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
                    guard let ip = IPAddress(parts[0]) else { continue }
                    let onDevice = interface.name == device || interface.name == bridge
                    let isPlanned = planned == ip
                    let inSubnet = plannedSubnet?.contains(ip) ?? false
                    guard onDevice || isPlanned || inSubnet else { continue }
                    let mask = index < interface.netmasks.count ? interface.netmasks[index] : (parts.count > 1 ? parts[1] : nil)
                    return AddressEvidence(address: ip, netmask: mask, gateway: nil, mode: nil, interface: interface.name,
                                           origin: "OS interface \(interface.name) on \(view?.name ?? "?")", planned: false)
                }
            }
        }
        if let planned {
            return AddressEvidence(address: planned, netmask: plannedSubnet.map { "\($0.prefixLength)" }, gateway: nil,
                                   mode: nil, interface: device, origin: "planned, not configured yet", planned: true)
        }
        return nil
    }

    private static func nfsBacking(view: HostView?, record: Host?) -> (server: String, path: String?, origin: String)? {
        guard let database = view?.database else { return nil }
        let nfsSRs = Set((database.SRs?.records ?? []).filter { $0.type == "nfs" }.map(\.uuid))
        for pbd in database.PBDs?.records ?? [] {
            guard let config = pbd.device_config, let server = config["server"] else { continue }
            if let sr = pbd.SR, !nfsSRs.isEmpty, !nfsSRs.contains(sr) { continue }
            return (server, config["serverpath"], "PBD \(pbd.uuid) device-config on \(view!.name)")
        }
        for mount in view?.mounts ?? [] where mount.type.hasPrefix("nfs") {
            let parts = mount.device.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            return (parts[0], parts[1], "mount on \(view!.name)")
        }
        return nil
    }
}
