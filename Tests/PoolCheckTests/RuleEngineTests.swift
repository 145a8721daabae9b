import XCTest
@testable import PoolCheck

/// The engine's own contract: verdicts become statuses by severity, a failed probe is
/// `error` (never pass or skip), and a missing fact is `skip` naming the command.
final class RuleEngineTests: XCTestCase {
    func rule(_ kind: String, severity: String = "error", extra: String = "") throws -> RuleDefinition {
        try RuleLoader().parse("""
        id: t
        title: T
        category: c
        severity: \(severity)
        phases: [audit]
        scope: host
        check: {kind: \(kind)\(extra)}
        rationale: r
        remediation: general fix
        """, file: "t.yaml")
    }

    func run(_ rule: RuleDefinition, _ facts: Facts, plan: String? = nil) throws -> [CheckResult] {
        let plan = try plan.map { try PlanLoader.parse($0, file: "p.yaml") }
        return RuleEngine(catalog: RuleCatalog(rules: [rule])).run(facts: facts, plan: plan, phase: .audit).results
    }

    func host(_ name: String, uuid: String, pifs: [PIF]) -> HostView {
        var record = Host(uuid: uuid)
        record.name_label = name
        var database = XapiDatabase()
        database.hosts = RecordSet(records: [record], complete: true)
        database.PIFs = RecordSet(records: pifs, complete: true)
        return HostView(name: name, sources: ["\(name).txt"], database: database)
    }

    func pif(_ uuid: String, host: String, device: String, ip: String, mask: String, mtu: Int) -> PIF {
        var pif = PIF(uuid: uuid)
        pif.host = host
        pif.device = device
        pif.IP = ip
        pif.netmask = mask
        pif.MTU = mtu
        pif.management = false
        return pif
    }

    var twoHosts: Facts {
        Facts(views: [
            host("xs-1", uuid: "u1", pifs: [pif("p1", host: "u1", device: "eth2", ip: "172.16.0.35", mask: "255.255.255.240", mtu: 9000)]),
            host("xs-2", uuid: "u2", pifs: [pif("p2", host: "u2", device: "eth2", ip: "172.16.0.36", mask: "255.255.255.224", mtu: 1500)]),
        ])
    }

    func testViolationIsFailForErrorSeverityAndWarnForWarning() throws {
        let mask = try rule("storage-subnet-mask")
        let results = try run(mask, twoHosts)
        // No plan: the masks must agree, and they do not.
        XCTAssertEqual(results.map(\.status), [.fail, .fail])
        XCTAssertEqual(results[0].remediation, "general fix")
        let mtu = try rule("fact-assertion", severity: "warning", extra: ", subject: storage_pif, field: MTU, same_on_every_host: true")
        let mtuResults = try run(mtu, twoHosts)
        XCTAssertEqual(mtuResults.map(\.status), [.warn, .warn])
        XCTAssertTrue(mtuResults[0].message.contains("MTU is 9000"), mtuResults[0].message)
    }

    func testPlannedPrefixDecides() throws {
        let plan = """
        hosts: [{name: xs-1, storage_ip: 172.16.0.35}, {name: xs-2, storage_ip: 172.16.0.36}]
        networks: {storage: {subnet: 172.16.0.32/28, device: eth2}}
        """
        let results = try run(try rule("storage-subnet-mask"), twoHosts, plan: plan)
        XCTAssertEqual(results.map(\.status), [.pass, .fail])
        XCTAssertTrue(results[1].message.contains("/27"), results[1].message)
        XCTAssertEqual(results[1].remediation, "xe pif-reconfigure-ip uuid=p2 mode=static IP=172.16.0.36 netmask=255.255.255.240")
        XCTAssertNil(results[0].remediation)
    }

    func testFailedProbeIsErrorNeverPassOrSkip() throws {
        var facts = twoHosts
        facts.probeFailures = [ProbeFailure(target: "xs-2", source: .xapi, message: "connection refused by 172.16.0.11:443")]
        let results = try run(try rule("storage-subnet-mask"), facts)
        XCTAssertEqual(results.first { $0.target.name == "xs-2" }?.status, .error)
        XCTAssertTrue(results.first { $0.target.name == "xs-2" }!.message.contains("connection refused"))
    }

    func testMissingFactIsSkipNamingTheCommand() throws {
        let results = try run(try rule("storage-redundancy"), Facts(views: [HostView(name: "xs-1")]))
        XCTAssertEqual(results.map(\.status), [.skip])
        XCTAssertTrue(results[0].message.contains("xe pif-list"), results[0].message)
    }

    func testExitStatus() {
        func report(_ statuses: [Status]) -> RunReport {
            RunReport(toolVersion: "t", phase: .audit, started: Date(), duration: 0, results: statuses.map {
                CheckResult(rule: "r", title: "t", category: "c", severity: .error, target: Target(kind: "pool", name: "p"), status: $0, message: "")
            }, hosts: [])
        }
        XCTAssertEqual(report([.pass, .skip, .warn]).exitStatus(), 0)
        XCTAssertEqual(report([.pass, .fail, .error]).exitStatus(), 1)
        XCTAssertEqual(report([.pass, .error]).exitStatus(), 3)
        // A core check unchecked for lack of evidence makes the run incomplete: 4, or 0 when allowed.
        var incomplete = report([.pass])
        incomplete.results.append(CheckResult(rule: "storage-redundancy", title: "t", category: "c", severity: .error,
                                              target: Target(kind: "host", name: "xs-2"), status: .skip, message: "",
                                              skipReason: .noEvidence, core: true))
        XCTAssertEqual(incomplete.exitStatus(), 4)
        XCTAssertEqual(incomplete.exitStatus(allowIncomplete: true), 0)
        XCTAssertEqual(report([.pass, .fail]).exitStatus(), 1)
        // Not applicable is not incomplete.
        incomplete.results[1].skipReason = .notApplicable
        XCTAssertEqual(incomplete.exitStatus(), 0)
    }
}

final class SourcesAnsweredTests: XCTestCase {
    func testAFailureNoHostClaimsIsStillAnError() throws {
        let rule = try XCTUnwrap(try RuleCatalog.bundled().rule(id: "sources-answered"))
        let engine = RuleEngine(catalog: RuleCatalog(rules: [rule]))
        let quiet = engine.run(facts: Facts(), plan: nil, phase: .audit)
        XCTAssertEqual(quiet.results.map(\.status), [.pass])
        let failed = Facts(probeFailures: [ProbeFailure(target: "127.0.0.1", source: .xapi, message: "https://127.0.0.1:1/: connection refused")])
        let report = engine.run(facts: failed, plan: nil, phase: .audit)
        XCTAssertEqual(report.results.map(\.status), [.error])
        XCTAssertEqual(report.exitStatus(), 3)
        XCTAssertTrue(report.results[0].message.contains("connection refused"))
    }
}

final class JoinPreconditionTests: XCTestCase {
    /// A master (xs-1, its own pool) and a fresh joining host (xs-2, its own pool).
    func facts(masterVendor: String, joiningVendor: String, joiningEdition: String = "free") -> Facts {
        func view(_ name: String, host uuid: String, pool: String, vendor: String, edition: String) -> HostView {
            var host = Host(uuid: uuid)
            host.name_label = name
            host.cpu_info = ["vendor": vendor]
            host.edition = edition
            var record = Pool(uuid: pool)
            record.master = uuid
            var database = XapiDatabase()
            database.hosts = RecordSet(records: [host], complete: true)
            database.pools = RecordSet(records: [record], complete: true)
            return HostView(name: name, database: database)
        }
        return Facts(views: [view("xs-1", host: "h1", pool: "p1", vendor: masterVendor, edition: "free"),
                             view("xs-2", host: "h2", pool: "p2", vendor: joiningVendor, edition: joiningEdition)])
    }

    func status(_ rule: String, _ facts: Facts) throws -> CheckResult {
        let definition = try XCTUnwrap(try RuleCatalog.bundled().rule(id: rule))
        let plan = try PlanLoader.parse("pool: {master: xs-1}\nhosts: [{name: xs-1}, {name: xs-2}]\n", file: "p.yaml")
        let report = RuleEngine(catalog: RuleCatalog(rules: [definition])).run(facts: facts, plan: plan, phase: .preflight)
        return try XCTUnwrap(report.results.first { $0.target.name == "xs-2" })
    }

    func testCPUVendorAndEditionAreComparedWithTheMaster() throws {
        XCTAssertEqual(try status("join-same-cpu-vendor", facts(masterVendor: "GenuineIntel", joiningVendor: "GenuineIntel")).status, .pass)
        let mixed = try status("join-same-cpu-vendor", facts(masterVendor: "GenuineIntel", joiningVendor: "AuthenticAMD"))
        XCTAssertEqual(mixed.status, .fail)
        XCTAssertTrue(mixed.message.contains("AuthenticAMD"), mixed.message)
        let edition = try status("join-same-edition", facts(masterVendor: "x", joiningVendor: "x", joiningEdition: "enterprise"))
        XCTAssertEqual(edition.status, .fail)
        XCTAssertEqual(try status("join-same-network-backend", facts(masterVendor: "x", joiningVendor: "x")).status, .skip,
                       "software_version not collected: skip, naming the command")
    }
}
