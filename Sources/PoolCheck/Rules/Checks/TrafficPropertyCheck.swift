import TrafficProbe

/// What storage packets on the storage interface show: the VLAN tag they carry, the MTU
/// their TCP handshakes imply, and LACP on bonds in lacp mode.
struct TrafficPropertyCheck: HostCheck {
    enum Aspect: String, CaseIterable { case vlan, mtu, lacp }
    let aspect: Aspect
    var source: EvidenceKind? { .traffic }

    static let factory: CheckFactory = { spec in
        let fields = try spec.mapping(allowed: ["kind", "aspect"])
        guard let value = fields["aspect"], let aspect = Aspect(rawValue: try value.string()) else {
            throw spec.error("needs 'aspect' (\(Aspect.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return TrafficPropertyCheck(aspect: aspect)
    }

    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        let traffic = HostTraffic(host: host, context: context)
        let storage = traffic.storage.filter { $0.storagePackets > 0 }
        switch aspect {
        case .vlan: return vlan(host, storage, context)
        case .mtu: return mtu(host, storage, context)
        case .lacp: return lacp(host, traffic, context)
        }
    }

    private func noTraffic(_ host: HostSubject) -> Finding {
        Finding(host.target, .missingFacts, "no storage traffic captured on \(host.name)'s storage interface (--pcap \(host.name):storage=FILE or --capture)")
    }

    private func vlan(_ host: HostSubject, _ storage: [TrafficObservation], _ context: RuleContext) -> Finding {
        let planned = context.plan?.storage?.vlan
        guard planned != nil else { return Finding(host.target, .notApplicable, "the plan sets no storage VLAN") }
        guard !storage.isEmpty else { return noTraffic(host) }
        var seen: [String: Int] = [:]
        for observation in storage {
            if let vlans = observation.vlans {
                if vlans.untaggedPackets > 0 { seen["untagged", default: 0] += vlans.untaggedPackets }
                for usage in vlans.tagged { seen[usage.vlanIDs.map(String.init).joined(separator: "/"), default: 0] += usage.packets }
            }
        }
        let evidence = seen.sorted { $0.key < $1.key }.map { "VLAN \($0.key): \($0.value) storage packets" }
        let expected = planned == 0 ? "untagged" : String(planned!)
        let wrong = seen.keys.filter { $0 != expected }
        if wrong.isEmpty {
            return Finding(host.target, .holds, "\(host.name): storage traffic carries VLAN \(expected) as planned", evidence: evidence)
        }
        return Finding(host.target, .violated, "\(host.name): storage traffic seen on VLAN \(wrong.sorted().joined(separator: ", ")), planned \(expected)",
                       evidence: evidence)
    }

    private func mtu(_ host: HostSubject, _ storage: [TrafficObservation], _ context: RuleContext) -> Finding {
        guard let expected = context.plan?.storage?.mtu ?? host.storagePIF?.MTU else {
            return host.missing("the storage MTU", run: "`xe pif-list params=all` (or plan networks.storage.mtu)")
        }
        guard !storage.isEmpty else { return noTraffic(host) }
        let syns = storage.flatMap { $0.mtu?.directions ?? [] }.flatMap(\.mssInSYNs)
        var evidence = syns.map { "MSS \($0.mss) in \($0.segments) SYN(s): implies MTU \($0.impliedMTU)" }
        if storage.contains(where: { $0.mtu?.offloadArtefacts == true }) {
            evidence.append("frames larger than the MTU were seen: offload artefacts (TSO/GRO), not proof of jumbo frames")
        }
        guard !syns.isEmpty else {
            return Finding(host.target, .missingFacts,
                           "\(host.name): no TCP handshake to the NFS server in the capture; frame sizes alone do not prove the MTU",
                           evidence: evidence)
        }
        let implied = Set(syns.map(\.impliedMTU))
        if implied == [expected] {
            return Finding(host.target, .holds, "\(host.name): TCP handshakes imply MTU \(expected) as expected", evidence: evidence)
        }
        return Finding(host.target, .violated,
                       "\(host.name): TCP handshakes imply MTU \(implied.sorted().map(String.init).joined(separator: ", ")), expected \(expected)",
                       evidence: evidence)
    }

    private func lacp(_ host: HostSubject, _ traffic: HostTraffic, _ context: RuleContext) -> Finding {
        guard let pif = host.storagePIF, let bonds = pif.bond_master_of else {
            return host.missing("the storage PIF's bond-master-of", run: "`xe pif-list params=all`")
        }
        guard let bondUUID = bonds.first else {
            return Finding(host.target, .notApplicable, "\(host.name)'s storage interface is not a bond")
        }
        guard let bond = context.topology.bond(bondUUID) else {
            return host.missing("bond \(bondUUID)", run: "`xe bond-list params=all`")
        }
        guard bond.mode == "lacp" else {
            return Finding(host.target, .notApplicable, "the storage bond's mode is \(bond.mode ?? "unknown"), not lacp")
        }
        let members = Set((bond.slaves ?? []).compactMap { context.topology.pif($0)?.device })
        let captured = (traffic.storage + traffic.other).filter { members.contains($0.interface) }
        guard !captured.isEmpty else {
            return Finding(host.target, .missingFacts,
                           "no capture on the bond's members (\(members.sorted().joined(separator: ", "))); LACP PDUs are seen there")
        }
        let evidence = captured.map { "\($0.label): \($0.lacp.pdus) LACP PDUs" }
        let silent = captured.filter { $0.lacp.pdus == 0 }
        if silent.isEmpty {
            return Finding(host.target, .holds, "\(host.name): LACP PDUs on every captured bond member", evidence: evidence)
        }
        return Finding(host.target, .violated,
                       "\(host.name): no LACP PDUs on \(silent.map(\.interface).joined(separator: ", ")) (bond mode lacp): the switch side is not negotiating",
                       evidence: evidence)
    }
}
