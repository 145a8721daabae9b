/// What a run must report for one (rule, target).
enum Expect: Equatable, CustomStringConvertible {
    /// This status; the skip reason ("not_applicable" / "no_evidence") is compared only when
    /// both the expectation and the report give one.
    case status(String, reason: String? = nil)
    /// No result at all for this (rule, target).
    case absent
    /// Either no result, or `skip`.
    case absentOrSkip
    /// Any of these statuses ("absent" allowed as a word): for the few cases where the
    /// semantics leave a choice, named in the mutation's note.
    case oneOf([String])

    var description: String {
        switch self {
        case let .status(status, reason): reason.map { "\(status) (\($0))" } ?? status
        case .absent: "no result"
        case .absentOrSkip: "skip or no result"
        case let .oneOf(list): list.joined(separator: " or ")
        }
    }

    func accepts(_ actual: ActualResult?) -> Bool {
        switch self {
        case let .status(status, reason):
            guard let actual, actual.status == status else { return false }
            if let reason, let got = actual.skipReason, status == "skip" { return reason == got }
            return true
        case .absent: return actual == nil
        case .absentOrSkip: return actual == nil || actual?.status == "skip"
        case let .oneOf(list): return list.contains(actual?.status ?? "absent")
        }
    }
}

struct ResultKey: Hashable, Comparable, CustomStringConvertible {
    var rule: String
    var target: String
    static func < (a: ResultKey, b: ResultKey) -> Bool { (a.rule, a.target) < (b.rule, b.target) }
    var description: String { "rule \(rule) on \(target)" }
}

struct ActualResult: Equatable {
    var status: String
    var skipReason: String?
    var message: String
}

/// Statuses shorthand.
func pass(_ rule: String, _ target: String) -> (ResultKey, Expect) { (ResultKey(rule: rule, target: target), .status("pass")) }
func fail(_ rule: String, _ target: String) -> (ResultKey, Expect) { (ResultKey(rule: rule, target: target), .status("fail")) }
func warn(_ rule: String, _ target: String) -> (ResultKey, Expect) { (ResultKey(rule: rule, target: target), .status("warn")) }
func error(_ rule: String, _ target: String) -> (ResultKey, Expect) { (ResultKey(rule: rule, target: target), .status("error")) }
func skip(_ rule: String, _ target: String, _ reason: String? = nil) -> (ResultKey, Expect) {
    (ResultKey(rule: rule, target: target), .status("skip", reason: reason))
}
func absent(_ rule: String, _ target: String) -> (ResultKey, Expect) { (ResultKey(rule: rule, target: target), .absent) }
func either(_ rule: String, _ target: String, _ statuses: String...) -> (ResultKey, Expect) {
    (ResultKey(rule: rule, target: target), .oneOf(statuses))
}

let noEvidence = "no_evidence"
let notApplicable = "not_applicable"

/// The rules whose lack of evidence makes a run incomplete (exit 4).
let missionRules: Set<String> = ["host-not-pooled", "storage-subnet-dedicated", "storage-subnet-mask", "nfs-export-acl",
                                 "storage-redundancy", "default-sr-propagated"]
let joinRules = ["join-ha-disabled", "join-no-bonds", "join-no-non-management-vlans", "join-no-running-vms",
                 "join-no-shared-srs", "join-no-tunnels", "join-same-api-version", "join-same-cpu-vendor",
                 "join-same-edition", "join-same-external-auth", "join-same-management-vlan",
                 "join-same-network-backend", "join-same-product-brand", "join-same-software-version"]

func isCore(_ rule: String, _ phase: Phase) -> Bool {
    missionRules.contains(rule) || (phase == .preflight && rule.hasPrefix("join-"))
}

/// Host-scope rules of each phase (what a host with no evidence still gets a result for).
let auditHostRules = ["default-sr-propagated", "nfs-export-acl", "storage-bond-lacp", "storage-mtu-consistent",
                      "storage-redundancy", "storage-subnet-dedicated", "storage-subnet-mask", "storage-traffic-isolated",
                      "storage-traffic-mtu", "storage-traffic-vlan"]

/// The full expected verdicts of a healthy run: every (rule, target) it produces, listed.
enum Healthy {
    static let pool = "PDX0"
    static let export = "172.16.0.34:/srv/vhd"
    static let server = "172.16.0.34"

    static func audit(hosts: [String] = HealthyPool.names, captures: Bool) -> [ResultKey: Expect] {
        var map: [ResultKey: Expect] = [:]
        func put(_ entry: (ResultKey, Expect)) { map[entry.0] = entry.1 }
        put(pass("crash-dump-sr-set", pool))
        put(pass("suspend-image-sr-set", pool))
        put(pass("sources-answered", pool))
        put(pass("storage-ip-unique", pool))
        put(pass("subnet-capacity", pool))
        put(pass("nfs-export-not-on-management", export))
        put(pass("nfs-export-not-world-open", export))
        // Live NFS is opt-in and --offline asks nothing: not checked, but not incomplete either.
        put(skip("nfs-server-answers", server))
        put(skip("nfs-services-registered", server))
        for host in hosts {
            for rule in ["default-sr-propagated", "nfs-export-acl", "storage-mtu-consistent", "storage-redundancy",
                         "storage-subnet-dedicated", "storage-subnet-mask"] {
                put(pass(rule, host))
            }
            put(skip("storage-bond-lacp", host, notApplicable))  // active-backup bonds
            put(skip("storage-traffic-vlan", host, notApplicable))  // the plan sets no storage VLAN
            let captured = captures && host == "xs-1"
            put(captured ? pass("storage-traffic-isolated", host) : skip("storage-traffic-isolated", host))
            put(captured ? pass("storage-traffic-mtu", host) : skip("storage-traffic-mtu", host))
        }
        return map
    }

    static func preflight(hosts: [String] = HealthyPool.names) -> [ResultKey: Expect] {
        var map: [ResultKey: Expect] = [:]
        func put(_ entry: (ResultKey, Expect)) { map[entry.0] = entry.1 }
        put(pass("sources-answered", pool))
        put(pass("storage-ip-unique", pool))
        put(pass("subnet-capacity", pool))
        put(pass("nfs-export-not-on-management", export))
        put(pass("nfs-export-not-world-open", export))
        put(skip("nfs-server-answers", server))
        put(skip("nfs-services-registered", server))
        for host in hosts {
            // Every host, the master-to-be included, must be the master of its own pool.
            put(pass("host-not-pooled", host))
            for rule in ["nfs-export-acl", "storage-subnet-dedicated", "storage-subnet-mask"] { put(pass(rule, host)) }
            for rule in joinRules {
                map[ResultKey(rule: rule, target: host)] = host == "xs-1" ? .absentOrSkip : .status("pass")
            }
        }
        return map
    }
}
