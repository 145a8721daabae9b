import Addressing

/// The storage subnet has room for every planned or known host plus the storage targets.
struct SubnetCapacityCheck: Check {
    /// Addresses kept free for growth beyond the listed hosts.
    let spare: Int

    static let factory: CheckFactory = { spec in
        let fields = try spec.mapping(allowed: ["kind", "spare"])
        return SubnetCapacityCheck(spare: try fields["spare"]?.int() ?? 0)
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        let target = context.poolTarget
        // An audit judges the subnet the hosts are configured with; the plan alone is not evidence.
        guard let storage = context.storageSubnet, context.phase == .preflight || !storage.origin.hasPrefix("plan ") else {
            return [Finding(target, .missingFacts, "the storage subnet is unknown; plan networks.storage or collect `xe pif-list params=all`")]
        }
        let targets = context.nfsServer == nil ? 0 : 1
        let needed = context.hosts.count + targets + spare
        let usable = storage.subnet.usableHostCount
        let evidence = ["storage subnet \(storage.subnet.canonical) (\(storage.origin)): \(usable) usable addresses",
                        "\(context.hosts.count) host(s), \(targets) storage target(s), \(spare) spare"]
        if UInt64(needed) > usable {
            return [Finding(target, .violated,
                            "storage subnet \(storage.subnet.canonical) has \(usable) usable addresses; \(needed) are needed",
                            evidence: evidence)]
        }
        return [Finding(target, .holds, "\(needed) of \(usable) usable storage addresses needed", evidence: evidence)]
    }
}
