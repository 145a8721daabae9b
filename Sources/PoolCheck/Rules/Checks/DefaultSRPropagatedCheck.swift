/// The pool's default SR is set, shared, plugged on every enabled host, and every member
/// reports the same default SR.
struct DefaultSRPropagatedCheck: HostCheck {
    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        guard let masterPool = context.masterView?.pool, let master = context.masterView else {
            return host.missing("the pool record", run: "`xe pool-param-list uuid=<pool>`")
        }
        guard masterPool.default_SR != nil || masterPool.wasShown("default_SR") else {
            return master.missing("the pool's default-SR", run: "`xe pool-param-list uuid=\(masterPool.uuid)`")
        }
        guard let srUUID = masterPool.default_SR else {
            return Finding(host.target, .violated, "pool '\(masterPool.name_label ?? masterPool.uuid)' has no default SR",
                           evidence: ["default-SR: <not in database> (xe pool-param-list on \(master.name))"],
                           remediation: "xe pool-param-set uuid=\(masterPool.uuid) default-SR=<shared SR uuid>")
        }
        var evidence = ["master \(master.name) reports default-SR \(srUUID)"]
        if host.record?.enabled == false {
            return Finding(host.target, .notApplicable, "\(host.name) is disabled", evidence: evidence)
        }
        guard let ownPool = host.pool, ownPool.default_SR != nil || ownPool.wasShown("default_SR") else {
            return host.missing("its view of the pool's default-SR", run: "`xe pool-param-list uuid=\(masterPool.uuid)`")
        }
        evidence.append("\(host.name) reports default-SR \(ownPool.default_SR ?? "<not in database>")")
        if ownPool.uuid != masterPool.uuid {
            return Finding(host.target, .violated, "\(host.name) is in pool \(ownPool.uuid), not \(masterPool.uuid)", evidence: evidence)
        }
        if ownPool.default_SR != srUUID {
            return Finding(host.target, .violated,
                           "\(host.name) reports default-SR \(ownPool.default_SR ?? "<not in database>"), the master \(srUUID)",
                           evidence: evidence,
                           remediation: "xe pool-param-set uuid=\(masterPool.uuid) default-SR=\(srUUID)")
        }
        let sr = context.hosts.lazy.compactMap { $0.database?.SRs?[srUUID] }.first
        guard let sr else { return host.missing("SR \(srUUID)", run: "`xe sr-list uuid=\(srUUID) params=all`") }
        evidence.append("SR \(sr.name_label ?? sr.uuid) type \(sr.type ?? "?") shared \(sr.shared.map(String.init) ?? "?")")
        if sr.shared == false {
            return Finding(host.target, .violated, "default SR \(sr.name_label ?? sr.uuid) is not shared", evidence: evidence,
                           remediation: "Make a shared SR the default: xe pool-param-set uuid=\(masterPool.uuid) default-SR=<shared SR uuid>")
        }
        guard let ownUUID = host.record?.uuid else {
            return host.missing("its host record", run: "`xe host-list`")
        }
        let pbds = context.hosts.lazy.compactMap { $0.database?.PBDs }.first { $0.records.contains { $0.SR == srUUID } }
        guard let pbds else { return host.missing("the SR's PBDs", run: "`xe pbd-list sr-uuid=\(srUUID) params=all`") }
        guard let pbd = pbds.records.first(where: { $0.SR == srUUID && $0.host == ownUUID }) else {
            return Finding(host.target, .violated, "\(host.name) has no PBD for default SR \(sr.name_label ?? srUUID)",
                           evidence: evidence,
                           remediation: "xe pbd-create host-uuid=\(ownUUID) sr-uuid=\(srUUID) device-config:...; then xe pbd-plug")
        }
        evidence.append("PBD \(pbd.uuid) currently-attached \(pbd.currently_attached.map(String.init) ?? "?")")
        guard pbd.currently_attached == true else {
            return Finding(host.target, .violated, "\(host.name): default SR \(sr.name_label ?? srUUID) is not plugged",
                           evidence: evidence, remediation: "xe pbd-plug uuid=\(pbd.uuid)")
        }
        return Finding(host.target, .holds,
                       "\(host.name) reports default SR \(sr.name_label ?? srUUID), shared and plugged", evidence: evidence)
    }
}
