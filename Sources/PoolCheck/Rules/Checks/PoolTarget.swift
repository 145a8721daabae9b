extension PoolModel {
    /// The pool as a result target: the planned name, else the master's pool record.
    var poolTarget: Target {
        let pool = masterView?.pool
        return Target(kind: "pool", name: plan?.pool.name ?? pool?.name_label.flatMap { $0.isEmpty ? nil : $0 } ?? "pool",
                      uuid: pool?.uuid)
    }
}
