/// The pool's default SR is set, shared, plugged on every enabled host, and every member
/// reports the same default SR.
struct DefaultSRPropagatedCheck: HostCheck {
    func evaluate(host: HostSubject, in context: RuleContext) -> Finding {
        guard let master = context.masterView, let masterPool = master.pool else {
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
        let reading = host.poolIsOwnReading ? "\(host.name) reports" : "the pool database (read on another host) has"
        evidence.append("\(reading) default-SR \(ownPool.default_SR ?? "<not in database>")")
        if ownPool.uuid != masterPool.uuid {
            return Finding(host.target, .violated, "\(host.name) is in pool \(ownPool.uuid), not \(masterPool.uuid)", evidence: evidence)
        }
        if ownPool.default_SR != srUUID {
            return Finding(host.target, .violated,
                           "\(host.name) reports default-SR \(ownPool.default_SR ?? "<not in database>"), the master \(srUUID)",
                           evidence: evidence,
                           remediation: "xe pool-param-set uuid=\(masterPool.uuid) default-SR=\(srUUID)")
        }
        guard let sr = context.topology.sr(srUUID) else {
            return host.missing("SR \(srUUID)", run: "`xe sr-list uuid=\(srUUID) params=all`")
        }
        let name = sr.name_label ?? srUUID
        evidence.append("SR \(name) type \(sr.type ?? "?") shared \(sr.shared.map(String.init) ?? "?")")
        if sr.shared == false {
            return Finding(host.target, .violated, "default SR \(name) is not shared", evidence: evidence,
                           remediation: "Make a shared SR the default: xe pool-param-set uuid=\(masterPool.uuid) default-SR=<shared SR uuid>")
        }
        guard let ownUUID = host.record?.uuid else {
            return host.missing("its host record", run: "`xe host-list`")
        }
        guard let pbd = context.topology.pbd(ofSR: srUUID, host: ownUUID) else {
            let pbds = context.topology.pbds(ofSR: srUUID)
            guard !pbds.isEmpty || sr.PBDs != nil || context.topology.isComplete(context.facts.database.PBDs, pool: masterPool.uuid) else {
                return host.missing("the SR's PBDs", run: "`xe pbd-list sr-uuid=\(srUUID) params=all`")
            }
            return Finding(host.target, .violated, "\(host.name) has no PBD for default SR \(name)",
                           evidence: evidence,
                           remediation: "xe pbd-create host-uuid=\(ownUUID) sr-uuid=\(srUUID) device-config:...; then xe pbd-plug")
        }
        evidence.append("PBD \(pbd.uuid) currently-attached \(pbd.currently_attached.map(String.init) ?? "?")")
        guard let attached = pbd.currently_attached else {
            return host.missing("whether its PBD \(pbd.uuid) is plugged", run: "`xe pbd-list sr-uuid=\(srUUID) params=all`")
        }
        guard attached else {
            return Finding(host.target, .violated, "\(host.name): default SR \(name) is not plugged",
                           evidence: evidence, remediation: "xe pbd-plug uuid=\(pbd.uuid)")
        }
        if sr.shared == nil {
            return host.missing("whether SR \(name) is shared", run: "`xe sr-param-list uuid=\(srUUID)`")
        }
        return Finding(host.target, .holds,
                       "\(host.name) reports default SR \(name), shared and plugged", evidence: evidence)
    }
}
