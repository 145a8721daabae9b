import TextFormats
/// Results grouped the way both the text table and the JUnit suites show
/// them: one group per host, in the report's host order (then hosts that
/// only results name), then one group for the pool holding every result
/// whose target is not a host (pool, SR, export, server). The pool group
/// is always present, so the layout does not change with the verdicts.
struct TargetGroup {
    /// Host name, or the pool group's name: the pool's name, "pool" when no
    /// result names the pool, "pool NAME" if a host has the pool's name.
    /// Never empty, whitespace collapsed (JUnit's xs:token).
    var name: String
    var isPool: Bool
    /// The pool's own name ("PDX0", or "pool"), for the pool group.
    var poolName: String
    var results: [CheckResult]

    static func groups(of report: RunReport) -> [TargetGroup] {
        var hostOrder: [String] = []
        var byHost: [String: [CheckResult]] = [:]
        for host in report.hosts where byHost[host] == nil {
            hostOrder.append(host)
            byHost[host] = []
        }
        var poolResults: [CheckResult] = []
        for result in report.results {
            guard result.target.kind == "host" else { poolResults.append(result); continue }
            if byHost[result.target.name] == nil { hostOrder.append(result.target.name) }
            byHost[result.target.name, default: []].append(result)
        }
        let poolName = nonEmptyToken(report.results.first { $0.target.kind == "pool" }?.target.name ?? "", fallback: "pool")
        var groups = hostOrder.map { host in
            TargetGroup(name: nonEmptyToken(host, fallback: "unnamed-host"), isPool: false, poolName: poolName,
                        results: byHost[host] ?? [])
        }
        let poolGroupName = groups.contains { $0.name == poolName } ? "pool \(poolName)" : poolName
        groups.append(TargetGroup(name: poolGroupName, isPool: true, poolName: poolName, results: poolResults))
        return groups
    }

    /// How many hosts the run covered (groups other than the pool).
    static func hostCount(of report: RunReport) -> Int {
        // The names `groups` would make a group of, without copying every result into one.
        var names = Set(report.hosts)
        for result in report.results where result.target.kind == "host" { names.insert(result.target.name) }
        return names.count
    }

    private static func nonEmptyToken(_ text: String, fallback: String) -> String {
        let token = XMLText.token(text)
        return token.isEmpty ? fallback : token
    }
}
