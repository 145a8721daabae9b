/// A pool-level SR pointer (crash-dump-SR, suspend-image-SR) is set.
struct PoolSRSetCheck: Check {
    let field: String

    static let fields = ["crash_dump_SR": "crash-dump-SR", "suspend_image_SR": "suspend-image-SR", "default_SR": "default-SR"]

    static let factory: CheckFactory = { spec in
        let entries = try spec.mapping(allowed: ["kind", "field"])
        guard let value = entries["field"] else { throw spec.error("needs 'field' (\(fields.keys.sorted().joined(separator: ", ")))") }
        let field = try value.string()
        guard fields[field] != nil else { throw value.error("'\(field)' is not one of \(fields.keys.sorted().joined(separator: ", "))") }
        return PoolSRSetCheck(field: field)
    }

    func evaluate(_ context: RuleContext) -> [Finding] {
        let target = context.poolTarget
        let xeName = Self.fields[field]!
        guard let master = context.masterView, let pool = master.pool, pool.wasShown(field) || value(pool) != nil else {
            return [Finding(target, .missingFacts, "the pool's \(xeName) was not collected; run `xe pool-param-list uuid=<pool>`")]
        }
        guard let sr = value(pool) else {
            return [Finding(target, .violated, "pool \(xeName) is not set", evidence: ["\(xeName): <not in database> (on \(master.name))"],
                            remediation: "xe pool-param-set uuid=\(pool.uuid) \(xeName)=<SR uuid>")]
        }
        return [Finding(target, .holds, "pool \(xeName) is \(sr)", evidence: ["\(xeName): \(sr) (on \(master.name))"])]
    }

    private func value(_ pool: Pool) -> String? {
        switch field {
        case "crash_dump_SR": pool.crash_dump_SR
        case "suspend_image_SR": pool.suspend_image_SR
        default: pool.default_SR
        }
    }
}
