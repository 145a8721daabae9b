/// The storage interface survives a NIC or cable failure: a bond of two or more attached
/// NICs, or (iSCSI/HBA) multipathing on.
struct StorageRedundancyCheck: HostCheck {
    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        if context.plan?.storage?.redundancy == Plan.Redundancy.none {
            return Finding(host.target, .notApplicable, "the plan asks for no storage redundancy (redundancy: none)")
        }
        guard let pif = host.storagePIF, host.hasEvidence else {
            return host.missing("the storage PIF", run: "`xe pif-list params=all`")
        }
        var evidence = ["storage PIF \(pif.device ?? "?") \(pif.uuid) on \(host.name)"]
        if let bondUUID = pif.bond_master_of?.first {
            guard let bond = context.topology.bond(bondUUID) else {
                return host.missing("bond \(bondUUID)", run: "`xe bond-list params=all`")
            }
            let slaves = (bond.slaves ?? []).map { context.topology.pif($0) }
            let attached = slaves.compactMap { $0 }.filter { $0.currently_attached == true }
            evidence.append("bond \(bond.uuid) mode \(bond.mode ?? "?") slaves \((bond.slaves ?? []).count), attached \(attached.count)")
            if attached.count >= 2 {
                return Finding(host.target, .holds,
                               "\(host.name): storage runs on a \(bond.mode ?? "") bond of \(attached.count) attached NICs",
                               evidence: evidence)
            }
            return Finding(host.target, .violated,
                           "\(host.name): the storage bond has \(attached.count) attached NIC(s); it needs two or more",
                           evidence: evidence,
                           remediation: slaves.compactMap { $0 }.filter { $0.currently_attached != true }
                               .map { "xe pif-plug uuid=\($0.uuid)" }.joined(separator: "; ").nilIfEmpty)
        }
        // Multipathing protects iSCSI and HBA paths; NFS runs over one IP path, so only a bond counts.
        if context.nfsServer == nil, host.record?.multipathing == true || host.record?.other_config?["multipathing"] == "true" {
            return Finding(host.target, .holds, "\(host.name): storage multipathing is on",
                           evidence: evidence + ["host other-config multipathing: true"])
        }
        let bondsKnown = pif.bond_master_of != nil || context.topology.isComplete(context.facts.database.bonds, pool: host.poolRecord?.uuid)
        guard bondsKnown else {
            return host.missing("the storage PIF's bond fields", run: "`xe pif-param-list uuid=\(pif.uuid)` or `xe bond-list`")
        }
        evidence.append("bond-master-of is empty: \(pif.device ?? pif.uuid) is not a bond")
        // A spare NIC: physical, unaddressed, not management, not already in a bond.
        let spare = host.pifs?.first { other in
            other.uuid != pif.uuid && other.physical != false && other.management != true && (other.IP ?? "").isEmpty
                && (other.bond_slave_of ?? "").isEmpty && (other.VLAN ?? -1) < 0
        }
        if let spare { evidence.append("unused NIC \(spare.device ?? spare.uuid) \(spare.uuid) could join the bond") }
        let second = spare?.uuid ?? "<second NIC's PIF uuid>"
        return Finding(host.target, .violated,
                       "\(host.name): storage interface \(pif.device ?? pif.uuid) is a single NIC, not bonded and not multipathed",
                       evidence: evidence,
                       remediation: "xe network-create name-label=storage-bond; then xe bond-create network-uuid=<that network's uuid> "
                           + "pif-uuids=\(pif.uuid),\(second) mode=active-backup (the bond takes over \(pif.device ?? "the NIC")'s IP)")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
