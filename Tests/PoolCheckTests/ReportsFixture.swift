import Foundation
@testable import PoolCheck

/// A run over pool PDX0 with two hosts, a pool-level skip, an SR and an
/// export, and every status at least once.
/// Expected counts: pass 6, fail 3, warn 1, error 1, skip 1 (12 results).
enum ReportsFixture {
    /// 2026-11-24T10:00:00Z
    static let started = Date(timeIntervalSince1970: 1_795_514_400)

    static func host(_ name: String) -> Target { Target(kind: "host", name: name, uuid: "uuid-\(name)") }
    static let pool = Target(kind: "pool", name: "PDX0", uuid: "4cfa9a5e-pool")
    static let sr = Target(kind: "sr", name: "NFS virtual disk storage", uuid: "9f1c-sr")
    static let export = Target(kind: "export", name: "172.16.0.34:/srv/vhd")

    static func result(_ rule: String, _ target: Target, _ status: Status, category: String = "storage",
                       severity: Severity = .error, message: String? = nil,
                       evidence: [String] = [], remediation: String? = nil) -> CheckResult {
        CheckResult(rule: rule, title: "Title of \(rule)", category: category, severity: severity, target: target,
                    status: status, message: message ?? "\(rule) is \(status.rawValue) on \(target.name)",
                    evidence: evidence, remediation: remediation)
    }

    static let results: [CheckResult] = [
        result("host-not-pooled", host("xs-2"), .pass, category: "pool-join"),
        result("storage-subnet-dedicated", host("xs-1"), .pass),
        result("storage-subnet-dedicated", host("xs-2"), .fail,
               message: "eth2 172.16.0.20 is outside the storage subnet 172.16.0.32/28",
               evidence: ["xs-2: xe pif-param-list uuid=... IP: 172.16.0.20", "plan: storage subnet 172.16.0.32/28"],
               remediation: "xe pif-reconfigure-ip uuid=8d6a mode=static IP=172.16.0.36 netmask=255.255.255.240"),
        result("storage-subnet-mask", host("xs-1"), .pass),
        result("storage-mtu-equal", host("xs-2"), .warn, severity: .warning,
               message: "MTU 1500 differs from 9000 on xs-1", remediation: "xe network-param-set uuid=1f2e MTU=9000"),
        result("nfs-export-acl", host("xs-1"), .error, category: "nfs",
               message: "mountd at 172.16.0.34 did not answer within 5 s", evidence: ["rpcbind: mountd v3 on udp/20048"]),
        result("nfs-export-acl", host("xs-2"), .pass, category: "nfs"),
        result("storage-redundancy", host("xs-1"), .fail, message: "eth2 is not bonded",
               evidence: ["xs-1: xe bond-list: no bonds"], remediation: "xe bond-create network-uuid=... pif-uuids=..."),
        result("storage-redundancy", host("xs-2"), .fail, message: "eth2 is not bonded"),
        result("default-sr-propagated", pool, .skip, category: "pool",
               message: "needs `xe pbd-list` output, absent from the transcripts"),
        result("sr-shared", sr, .pass, category: "pool"),
        result("export-not-world-open", export, .pass, category: "nfs"),
    ]

    static func report(results: [CheckResult] = results, hosts: [String] = ["xs-1", "xs-2"],
                       warnings: [String] = ["snapshot/xs-1.txt:12: line not understood: 'Legend: GET | SEE | USE'"]) -> RunReport {
        RunReport(toolVersion: ToolInfo.version, phase: .audit, started: started, duration: 1.2344,
                  results: results, hosts: hosts, warnings: warnings)
    }

    /// Text with every character XML and terminals care about.
    static let nasty = "a<b & \"c\" 'd' ]]> tab\there\nline2\r\nnul\u{0}bell\u{7}esc\u{1B}[31m del\u{7F} \u{FFFE} é ✓"
}
