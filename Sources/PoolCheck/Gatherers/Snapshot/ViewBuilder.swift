import Addressing

/// Collects what one host's transcripts showed, in the order read, and turns it into a
/// `HostView`. Interfaces, mounts and export lists seen again replace the earlier ones
/// (later output is the newer state), but only in what the later output shows: `ip -4 addr`
/// replaces an interface's IPv4 addresses and keeps its IPv6 ones, `ip -br addr` keeps its MAC.
struct ViewBuilder: Sendable {
    let name: String
    var hostname: String?
    private var sources: [String] = []
    private var commands: [String] = []
    private var partialCommands: [String] = []

    var pools = RecordTable<Pool>()
    var hosts = RecordTable<Host>()
    var pifs = RecordTable<PIF>()
    var bonds = RecordTable<Bond>()
    var networks = RecordTable<Network>()
    var vlans = RecordTable<VLAN>()
    var tunnels = RecordTable<Tunnel>()
    var srs = RecordTable<SR>()
    var pbds = RecordTable<PBD>()
    var vms = RecordTable<VM>()

    private var interfaces: [OSInterface]?
    private var mounts: [Mount]?
    private var exportLists: [ExportList] = []

    init(name: String) { self.name = name }

    mutating func noteSource(_ path: String) {
        if !sources.contains(path) { sources.append(path) }
    }

    mutating func noteCommand(_ name: String, partial: Bool) {
        guard !name.isEmpty else { return }
        if !commands.contains(name) { commands.append(name) }
        if partial && !partialCommands.contains(name) { partialCommands.append(name) }
    }

    mutating func markSeen(_ xeClass: XeClass, complete: Bool) {
        switch xeClass {
        case .pool: pools.markSeen(complete: complete)
        case .host: hosts.markSeen(complete: complete)
        case .pif: pifs.markSeen(complete: complete)
        case .bond: bonds.markSeen(complete: complete)
        case .network: networks.markSeen(complete: complete)
        case .vlan: vlans.markSeen(complete: complete)
        case .tunnel: tunnels.markSeen(complete: complete)
        case .sr: srs.markSeen(complete: complete)
        case .pbd: pbds.markSeen(complete: complete)
        case .vm: vms.markSeen(complete: complete)
        }
    }

    /// Marks the start of a listing, so `retainOnlyCurrentListing` knows what it showed.
    mutating func beginListing(_ xeClass: XeClass) {
        switch xeClass {
        case .pool: pools.beginListing()
        case .host: hosts.beginListing()
        case .pif: pifs.beginListing()
        case .bond: bonds.beginListing()
        case .network: networks.beginListing()
        case .vlan: vlans.beginListing()
        case .tunnel: tunnels.beginListing()
        case .sr: srs.beginListing()
        case .pbd: pbds.beginListing()
        case .vm: vms.beginListing()
        }
    }

    mutating func retainOnlyCurrentListing(_ xeClass: XeClass) {
        switch xeClass {
        case .pool: pools.retainOnlyCurrentListing()
        case .host: hosts.retainOnlyCurrentListing()
        case .pif: pifs.retainOnlyCurrentListing()
        case .bond: bonds.retainOnlyCurrentListing()
        case .network: networks.retainOnlyCurrentListing()
        case .vlan: vlans.retainOnlyCurrentListing()
        case .tunnel: tunnels.retainOnlyCurrentListing()
        case .sr: srs.retainOnlyCurrentListing()
        case .pbd: pbds.retainOnlyCurrentListing()
        case .vm: vms.retainOnlyCurrentListing()
        }
    }

    mutating func apply(_ xeClass: XeClass, uuid: String, _ record: XeRawRecord) -> [LineIssue] {
        switch xeClass {
        case .pool: pools.apply(uuid: uuid, record)
        case .host: hosts.apply(uuid: uuid, record)
        case .pif: pifs.apply(uuid: uuid, record)
        case .bond: bonds.apply(uuid: uuid, record)
        case .network: networks.apply(uuid: uuid, record)
        case .vlan: vlans.apply(uuid: uuid, record)
        case .tunnel: tunnels.apply(uuid: uuid, record)
        case .sr: srs.apply(uuid: uuid, record)
        case .pbd: pbds.apply(uuid: uuid, record)
        case .vm: vms.apply(uuid: uuid, record)
        }
    }

    /// `ipv4`/`ipv6`: the address families the command showed (`ip -4`, `ip -6`).
    mutating func add(interfaces seen: [OSInterface], ipv4: Bool = true, ipv6: Bool = true) {
        var list = interfaces ?? []
        for interface in seen {
            if let index = list.firstIndex(where: { $0.name == interface.name }) {
                list[index] = Self.update(list[index], with: interface, ipv4: ipv4, ipv6: ipv6)
            } else {
                var first = interface
                first.onlyFamily = Self.onlyFamily(ipv4: ipv4, ipv6: ipv6)
                list.append(first)
            }
        }
        interfaces = list
    }

    /// The earlier reading of an interface, updated with what a later command showed.
    private static func update(_ earlier: OSInterface, with later: OSInterface, ipv4: Bool, ipv6: Bool) -> OSInterface {
        // A broadcast address not shown again (`ip -br`) stays while the IPv4 addresses are the same.
        let sameIPv4 = earlier.addresses(ipv6: false).map(\.address) == later.addresses(ipv6: false).map(\.address)
        var merged = OSInterface(name: later.name, mac: later.mac ?? earlier.mac, mtu: later.mtu ?? earlier.mtu, up: later.up ?? earlier.up,
                                 broadcast: ipv4 ? later.broadcast ?? (sameIPv4 ? earlier.broadcast : nil) : earlier.broadcast)
        merged.carrier = later.carrier ?? earlier.carrier
        // Once both families were shown, the reading is whole.
        let family = onlyFamily(ipv4: ipv4, ipv6: ipv6)
        merged.onlyFamily = earlier.onlyFamily == family ? family : nil
        // IPv4 first, then IPv6, each from the reading that showed that family last.
        merged.append(addressesOf: ipv4 ? later : earlier, ipv6: false)
        merged.append(addressesOf: ipv6 ? later : earlier, ipv6: true)
        return merged
    }

    /// The one family a command showed (`ip -4`, `ip -6`), nil when both.
    private static func onlyFamily(ipv4: Bool, ipv6: Bool) -> AddressFamily? {
        ipv4 == ipv6 ? nil : ipv4 ? .v4 : .v6
    }

    mutating func add(mounts seen: [Mount]) {
        var list = mounts ?? []
        for mount in seen {
            if let index = list.firstIndex(where: { $0.mountPoint == mount.mountPoint }) {
                list[index] = mount
            } else {
                list.append(mount)
            }
        }
        mounts = list
    }

    /// A whole list replaces the earlier one; a partial one (`| grep`) only updates the exports it shows.
    mutating func add(exportList: ExportList) {
        let same = { (list: ExportList) in list.server == exportList.server && list.via == exportList.via }
        guard exportList.partial == true, let index = exportLists.firstIndex(where: same) else {
            exportLists.removeAll(where: same)
            exportLists.append(exportList)
            return
        }
        var merged = exportLists.remove(at: index)
        var withoutClients = merged.pathsWithoutClients ?? []
        for export in exportList.exports {
            withoutClients.removeAll { $0 == export.path }
            if let slot = merged.exports.firstIndex(where: { $0.path == export.path }) {
                merged.exports[slot] = export
            } else {
                merged.exports.append(export)
            }
        }
        for path in exportList.pathsWithoutClients ?? [] where !withoutClients.contains(path) {
            merged.exports.removeAll { $0.path == path }
            withoutClients.append(path)
        }
        merged.pathsWithoutClients = withoutClients.isEmpty ? nil : withoutClients
        exportLists.append(merged)
    }

    /// The pool this host's own xe showed: the last pool record it listed.
    var poolReading: Pool? { pools.records.last }

    /// The XenAPI records this host listed. Listings are complete for its own pool.
    func database() -> XapiDatabase {
        let pool = poolReading.map { [$0.uuid] }
        var database = XapiDatabase()
        database.pools = pools.recordSet(completePools: pool)
        database.hosts = hosts.recordSet(completePools: pool)
        database.PIFs = pifs.recordSet(completePools: pool)
        database.bonds = bonds.recordSet(completePools: pool)
        database.networks = networks.recordSet(completePools: pool)
        database.VLANs = vlans.recordSet(completePools: pool)
        database.tunnels = tunnels.recordSet(completePools: pool)
        database.SRs = srs.recordSet(completePools: pool)
        database.PBDs = pbds.recordSet(completePools: pool)
        database.VMs = vms.recordSet(completePools: pool)
        return database
    }

    /// The hosts this host's `xe host-list` showed, as members of its own pool.
    var membership: PoolMembership? {
        guard let pool = poolReading, hosts.seen else { return nil }
        return PoolMembership(pool: pool.uuid, hosts: hosts.records.map(\.uuid), complete: hosts.complete)
    }

    func observation() -> HostObservation {
        // PIFs listed without their host (`xe pif-list host-uuid=$INSTALLATION_UUID`) are this host's.
        let local = pifs.records.filter { $0.host == nil && ($0.host_name_label == nil || $0.host_name_label == name) }
        return HostObservation(name: name, hostname: hostname, sources: sources, commands: commands,
                               partialCommands: partialCommands, pool: poolReading, localPIFs: local.map(\.uuid),
                               interfaces: interfaces, mounts: mounts, exportLists: exportLists)
    }
}
