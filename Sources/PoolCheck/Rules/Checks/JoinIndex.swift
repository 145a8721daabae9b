/// What the join checks look for on a joining host (shared SRs, running VMs, tunnels),
/// indexed once per run by host and by source: scanning the whole database for every joiner
/// made a preflight of many hosts quadratic. Each list keeps the database's order.
struct JoinIndex {
    /// Source indexes (into `facts.sources`) by label: a host's observation names its sources by label.
    private let sourcesByLabel: [String: [Int]]
    /// Shared SRs that count (not the Tools ISO SR), by uuid and by the sources that listed them.
    private let sharedSRs: [SR]
    private let sharedSRSlots: [String: Int]
    private let sharedSRsBySource: [Int: [Int]]
    /// Running, suspended or paused VMs (not control domains or templates).
    private let busyVMs: [VM]
    private let busyVMsByResident: [String: [Int]]
    private let busyVMsResidingNowhere: [Int]
    private let busyVMsResidingNowhereBySource: [Int: [Int]]
    /// Tunnels by the PIF they use, as access or transport PIF.
    private let tunnels: [Tunnel]
    private let tunnelsByPIF: [String: [Int]]

    init(facts: Facts) {
        var byLabel: [String: [Int]] = [:]
        for (index, source) in facts.sources.enumerated() { byLabel[source.label, default: []].append(index) }
        sourcesByLabel = byLabel
        let database = facts.database
        // XAPI and XenCenter leave out the Tools ISO SR, which every host has, marked shared.
        sharedSRs = (database.SRs?.records ?? []).filter { $0.shared == true && $0.other_config?["xenserver_tools_sr"] != "true" }
        sharedSRSlots = Dictionary(sharedSRs.enumerated().map { ($1.uuid, $0) }, uniquingKeysWith: { first, _ in first })
        sharedSRsBySource = Self.bySource(sharedSRs.map(\.uuid), facts: facts)
        let busy = (database.VMs?.records ?? []).filter { vm in
            vm.is_control_domain != true && vm.is_a_template != true
                && ["running", "suspended", "paused"].contains((vm.power_state ?? "").lowercased())
        }
        busyVMs = busy
        var byResident: [String: [Int]] = [:], nowhere: [Int] = []
        for (slot, vm) in busy.enumerated() {
            if let host = vm.resident_on { byResident[host, default: []].append(slot) } else { nowhere.append(slot) }
        }
        busyVMsByResident = byResident
        busyVMsResidingNowhere = nowhere
        busyVMsResidingNowhereBySource = Self.bySource(nowhere.map { busy[$0].uuid }, slots: nowhere, facts: facts)
        tunnels = database.tunnels?.records ?? []
        var byPIF: [String: [Int]] = [:]
        for (slot, tunnel) in tunnels.enumerated() {
            for pif in Set([tunnel.access_PIF ?? "", tunnel.transport_PIF ?? ""]) { byPIF[pif, default: []].append(slot) }
        }
        tunnelsByPIF = byPIF
    }

    /// Source index → the slots of the records (given by uuid) that source showed.
    private static func bySource(_ uuids: [String], slots: [Int]? = nil, facts: Facts) -> [Int: [Int]] {
        var result: [Int: [Int]] = [:]
        for (position, uuid) in uuids.enumerated() {
            for source in facts.provenance[uuid] ?? [] { result[source, default: []].append(slots?[position] ?? position) }
        }
        return result
    }

    /// The sources (indexes) the host's own prompt read: the joiner's own database, before the join.
    private func ownSources(of host: HostSubject) -> [Int] {
        Set(host.observation?.sources ?? []).flatMap { sourcesByLabel[$0] ?? [] }
    }

    /// Shared SRs the joiner has: plugged on it, or listed by its own xe.
    func sharedSRs(of host: HostSubject, topology: Topology) -> [SR] {
        var slots = Set(topology.pbds(of: host.record).compactMap(\.SR).compactMap { sharedSRSlots[$0] })
        for source in ownSources(of: host) { slots.formUnion(sharedSRsBySource[source] ?? []) }
        return slots.sorted().map { sharedSRs[$0] }
    }

    /// VMs running (or suspended, paused) on the joiner. A suspended VM resides nowhere: it is
    /// the joiner's when its own xe listed it, or when the evidence knows one pool at most.
    func busyVMs(of host: HostSubject, poolCount: Int) -> [VM] {
        var slots = Set(host.record.flatMap { busyVMsByResident[$0.uuid] } ?? [])
        if poolCount <= 1 {
            slots.formUnion(busyVMsResidingNowhere)
        } else {
            for source in ownSources(of: host) { slots.formUnion(busyVMsResidingNowhereBySource[source] ?? []) }
        }
        return slots.sorted().map { busyVMs[$0] }
    }

    /// Tunnels whose access or transport PIF is one of `pifs`.
    func tunnels(using pifs: [PIF]) -> [Tunnel] {
        Set(pifs.flatMap { tunnelsByPIF[$0.uuid] ?? [] }).sorted().map { tunnels[$0] }
    }
}
