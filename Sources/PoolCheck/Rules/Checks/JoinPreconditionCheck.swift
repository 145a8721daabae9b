/// One of XAPI's own pool-join checks (xen-api xapi_pool.ml pre_join_checks), run
/// against the joining host's view before the admin tries `xe pool-join`.
struct JoinPreconditionCheck: HostCheck {
    enum Condition: String, CaseIterable {
        case haDisabled = "ha-disabled"
        case noSharedSRs = "no-shared-srs"
        case noBonds = "no-bonds"
        case noTunnels = "no-tunnels"
        case noNonManagementVLANs = "no-non-management-vlans"
        case noRunningVMs = "no-running-vms"
        case sameSoftwareVersion = "same-software-version"
        case sameManagementVLAN = "same-management-vlan"
        case sameAPIVersion = "same-api-version"
        case sameProductBrand = "same-product-brand"
        case sameNetworkBackend = "same-network-backend"
        case sameExternalAuth = "same-external-auth"
        case sameCPUVendor = "same-cpu-vendor"
        case sameEdition = "same-edition"
    }

    let condition: Condition

    static let factory: CheckFactory = { spec in
        let fields = try spec.mapping(allowed: ["kind", "condition"])
        let names = Condition.allCases.map(\.rawValue).joined(separator: ", ")
        guard let value = fields["condition"] else { throw spec.error("needs 'condition' (\(names))") }
        guard let condition = Condition(rawValue: try value.string()) else { throw value.error("'condition' must be one of \(names)") }
        return JoinPreconditionCheck(condition: condition)
    }

    func hosts(in context: RuleContext) -> [HostSubject] {
        let master = context.plan?.pool.master ?? context.masterView?.name
        return context.hosts.filter { $0.name != master }
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        // Built once per run, when the first joiner needs it (hosts already in the pool do not).
        var index: JoinIndex?
        return evaluateEachHost(in: context) { host in
            judge(host, in: context) {
                if let built = index { return built }
                let built = JoinIndex(facts: context.facts)
                index = built
                return built
            }
        }
    }

    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        judge(host, in: context) { JoinIndex(facts: context.facts) }
    }

    private func judge(_ host: HostSubject, in context: RuleContext, joinIndex: () -> JoinIndex) -> Finding {
        guard host.hasEvidence else { return host.missing("evidence", run: "`xe host-list` and `xe pool-list`") }
        if let target = context.masterView?.poolRecord, target.uuid == host.poolRecord?.uuid {
            return Finding(host.target, .notApplicable, "\(host.name) is already a member of the pool")
        }
        let database = context.facts.database
        let pool = host.poolRecord?.uuid
        let topology = context.topology
        switch condition {
        case .haDisabled:
            guard let ha = host.pool?.ha_enabled else { return host.missing("ha-enabled", run: "`xe pool-param-list uuid=<pool>`") }
            let masterHA = context.masterView?.pool?.ha_enabled == true
            if ha || masterHA {
                return Finding(host.target, .violated, "HA is enabled on \(ha ? host.name + "'s pool" : "the target pool")",
                               evidence: ["ha-enabled: \(ha) on \(host.name), \(masterHA) on the master"], remediation: "xe pool-ha-disable")
            }
            return Finding(host.target, .holds, "HA is off on \(host.name) and the target pool", evidence: ["ha-enabled: false"])
        case .noSharedSRs:
            guard topology.isComplete(database.SRs, pool: pool) else {
                return host.missing("the full SR list", run: "`xe sr-list params=all`")
            }
            // The joiner's SRs: plugged on it, or listed by its own xe (its own database).
            let shared = joinIndex().sharedSRs(of: host, topology: topology)
            return verdict(host, shared.map { $0.name_label ?? $0.uuid }, what: "shared SR",
                           fix: shared.map { "xe sr-forget uuid=\($0.uuid) (after unplugging its PBDs)" })
        case .noBonds:
            guard topology.isComplete(database.bonds, pool: pool), let pifs = host.pifs else {
                return host.missing("the bond list", run: "`xe bond-list` and `xe pif-list params=all`")
            }
            let bonds = pifs.flatMap { $0.bond_master_of ?? [] }
            return verdict(host, bonds, what: "bond", fix: bonds.map { "xe bond-destroy uuid=\($0)" })
        case .noTunnels:
            guard topology.isComplete(database.tunnels, pool: pool), let pifs = host.pifs else {
                return host.missing("the tunnel list", run: "`xe tunnel-list` and `xe pif-list params=all`")
            }
            let tunnels = joinIndex().tunnels(using: pifs)
            return verdict(host, tunnels.map(\.uuid), what: "tunnel", fix: tunnels.map { "xe tunnel-destroy uuid=\($0.uuid)" })
        case .noNonManagementVLANs:
            guard let pifs = host.pifs, topology.isComplete(database.PIFs, pool: pool) else {
                return host.missing("the PIF list", run: "`xe pif-list params=all`")
            }
            let vlans = pifs.filter { ($0.VLAN ?? -1) >= 0 && $0.management != true }
            return verdict(host, vlans.map { "\($0.device ?? "") VLAN \($0.VLAN!)" }, what: "non-management VLAN",
                           fix: vlans.map { "xe vlan-destroy uuid=<VLAN of PIF \($0.uuid)>" })
        case .noRunningVMs:
            guard topology.isComplete(database.VMs, pool: pool) else { return host.missing("the VM list", run: "`xe vm-list params=all`") }
            let busy = joinIndex().busyVMs(of: host, poolCount: topology.poolCount)
            return verdict(host, busy.map { "\($0.name_label ?? $0.uuid) (\($0.power_state ?? ""))" }, what: "running or suspended VM",
                           fix: busy.map { "xe vm-shutdown uuid=\($0.uuid)" })
        case .sameSoftwareVersion:
            return compare(host, context, what: "software version") { $0.record?.software_version?["product_version"] }
        case .sameManagementVLAN:
            return compare(host, context, what: "management VLAN") { subject in
                subject.managementPIF.map { String($0.VLAN ?? -1) }
            }
        case .sameAPIVersion:
            return compare(host, context, what: "API version") { subject in
                guard let major = subject.record?.API_version_major, let minor = subject.record?.API_version_minor else { return nil }
                return "\(major).\(minor)"
            }
        case .sameProductBrand:
            return compare(host, context, what: "product brand") { $0.record?.software_version?["product_brand"] }
        case .sameNetworkBackend:
            return compare(host, context, what: "network backend") { $0.record?.software_version?["network_backend"] }
        case .sameExternalAuth:
            return compare(host, context, what: "external authentication") { subject in
                subject.record?.wasShown("external_auth_type") == true ? (subject.record?.external_auth_type ?? "") : nil
            }
        case .sameCPUVendor:
            return compare(host, context, what: "CPU vendor") { $0.record?.cpu_info?["vendor"] }
        case .sameEdition:
            return compare(host, context, what: "edition") { $0.record?.edition }
        }
    }

    private func verdict(_ host: HostSubject, _ offenders: [String], what: String, fix: [String]) -> Finding {
        if offenders.isEmpty { return Finding(host.target, .holds, "\(host.name) has no \(what)") }
        return Finding(host.target, .violated, "\(host.name) has \(offenders.count) \(what)(s): \(offenders.joined(separator: ", "))",
                       evidence: offenders.map { "\(what): \($0)" }, remediation: fix.joined(separator: "; "))
    }

    private func compare(_ host: HostSubject, _ context: RuleContext, what: String, _ value: (HostSubject) -> String?) -> Finding {
        guard let master = context.masterView, master.name != host.name else {
            return Finding(host.target, .missingFacts, "the master's evidence is needed to compare the \(what); plan pool.master")
        }
        guard let mine = value(host) else { return host.missing("its \(what)", run: "`xe host-param-list` / `xe pif-list params=all`") }
        guard let theirs = value(master) else { return master.missing("its \(what)", run: "`xe host-param-list` / `xe pif-list params=all`") }
        let evidence = ["\(host.name): \(mine)", "master \(master.name): \(theirs)"]
        if mine != theirs {
            return Finding(host.target, .violated, "\(what) \(mine) differs from the master's \(theirs)", evidence: evidence)
        }
        return Finding(host.target, .holds, "same \(what) as the master (\(mine))", evidence: evidence)
    }
}
