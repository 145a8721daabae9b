import XCTest
@testable import PoolCheck

/// The NFS rules on live NFS facts, without a network: what each reply proves.
final class NFSRuleTests: XCTestCase {
    let plan = """
    pool: {name: PDX0, master: xs-1}
    hosts: [{name: xs-1, storage_ip: 172.16.0.35}, {name: xs-2, storage_ip: 172.16.0.36}]
    networks: {management: 172.16.0.0/27, storage: {subnet: 172.16.0.32/28}}
    storage: {nfs: {server: 172.16.0.34, path: /srv/vhd}}
    """

    func run(_ ruleID: String, _ facts: Facts) throws -> [String: CheckResult] {
        let rule = try XCTUnwrap(try RuleCatalog.bundled().rule(id: ruleID))
        let report = RuleEngine(catalog: RuleCatalog(rules: [rule]))
            .run(facts: facts, plan: try PlanLoader.parse(plan, file: "p.yaml"), phase: .preflight)
        return Dictionary(report.results.map { ($0.target.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    func server(dialect: String, askedFrom: String? = nil, exports: [Export], services: [RPCService] = [],
                null: [String: Bool] = ["3": true]) -> Facts {
        Facts(nfsServers: [NFSServerFacts(server: "172.16.0.34", askedFrom: askedFrom, dialect: dialect, exports: exports,
                                          services: services, nfsNullReplies: null)])
    }

    func testKnfsdListEveryExportSoAMissingOneIsAFail() throws {
        let results = try run("nfs-export-acl", server(dialect: "knfsd", exports: [Export(path: "/srv/iso", groups: ["*"])]))
        XCTAssertEqual(results["xs-1"]?.status, .fail)
    }

    func testGaneshaHidingAnExportIsAnErrorUnlessTheHostItselfAsked() throws {
        let hidden = server(dialect: "ganesha", exports: [Export(path: "/srv/iso", groups: ["172.16.0.0/27"])])
        XCTAssertEqual(try run("nfs-export-acl", hidden)["xs-1"]?.status, .error)
        let askedByXS1 = server(dialect: "ganesha", askedFrom: "172.16.0.35", exports: [])
        let results = try run("nfs-export-acl", askedByXS1)
        XCTAssertEqual(results["xs-1"]?.status, .fail, "xs-1's own storage IP was not shown the export")
        XCTAssertEqual(results["xs-2"]?.status, .error)
    }

    func testSubdirectoryOfAnExportCountsAndNamesNeedResolution() throws {
        let parent = server(dialect: "knfsd", exports: [Export(path: "/srv", groups: ["172.16.0.32/255.255.255.240"])])
        XCTAssertEqual(try run("nfs-export-acl", parent)["xs-2"]?.status, .pass)
        let named = server(dialect: "knfsd", exports: [Export(path: "/srv/vhd", groups: ["xs-1.storage.lab", "@xenhosts"])])
        let results = try run("nfs-export-acl", named)
        XCTAssertEqual(results["xs-1"]?.status, .error)
        XCTAssertTrue(results["xs-1"]!.message.contains("poolcheck exports"), results["xs-1"]!.message)
    }

    func testWorldAndManagementExposure() throws {
        let world = server(dialect: "knfsd", exports: [Export(path: "/srv/vhd", groups: ["172.16.0.32/28", "*"])])
        XCTAssertEqual(try run("nfs-export-not-world-open", world).values.first?.status, .fail)
        let management = server(dialect: "knfsd", exports: [Export(path: "/srv/vhd", groups: ["172.16.0.32/28", "172.16.0.10"])])
        XCTAssertEqual(try run("nfs-export-not-on-management", management).values.first?.status, .warn)
        XCTAssertEqual(try run("nfs-export-not-world-open", management).values.first?.status, .pass)
    }

    func testRegistrationsAndNullReplies() throws {
        let good = [RPCService(program: 100_000, version: 2, protocol: .tcp, port: 111),
                    RPCService(program: 100_005, version: 3, protocol: .tcp, port: 20048),
                    RPCService(program: 100_003, version: 3, protocol: .tcp, port: 2049)]
        let exports = [Export(path: "/srv/vhd", groups: ["172.16.0.32/28"])]
        XCTAssertEqual(try run("nfs-services-registered", server(dialect: "knfsd", exports: exports, services: good)).values.first?.status, .pass)
        let noNFS = Array(good.dropLast())
        let missing = try run("nfs-services-registered", server(dialect: "knfsd", exports: exports, services: noNFS)).values.first
        XCTAssertEqual(missing?.status, .fail)
        XCTAssertTrue(missing!.message.contains("nfs v3"), missing!.message)
        XCTAssertEqual(try run("nfs-server-answers", server(dialect: "knfsd", exports: exports, null: ["3": false])).values.first?.status, .fail)
    }

    // MARK: showmount lists that are partial or lack client lists

    func testExportListedWithoutClientsIsNoEvidenceNotAFail() throws {
        // QNAP prints the paths alone: /srv/vhd is exported, to clients unknown.
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# showmount -e 172.16.0.34
        Export list for 172.16.0.34:
        /Public   
        /srv/vhd  
        """)
        let acl = try XCTUnwrap(try run("nfs-export-acl", facts)["xs-1"])
        XCTAssertEqual(acl.status, .skip, acl.message)
        XCTAssertEqual(acl.skipReason, .noEvidence)
        XCTAssertTrue(acl.message.contains("without its client list") && acl.message.contains("poolcheck exports 172.16.0.34"), acl.message)
        for rule in ["nfs-export-not-world-open", "nfs-export-not-on-management"] {
            let exposure = try XCTUnwrap(try run(rule, facts).values.first)
            XCTAssertEqual(exposure.status, .skip, "\(rule): \(exposure.message)")
            XCTAssertEqual(exposure.skipReason, .noEvidence, rule)
        }
    }

    func testClientsUnknownForTheDeeperExportWinOverAKnownParent() throws {
        let list = ExportList(server: "172.16.0.34", exports: [Export(path: "/srv", groups: ["172.16.0.32/28"])], via: "showmount",
                              pathsWithoutClients: ["/srv/vhd"])
        let facts = Facts(hosts: [HostObservation(name: "xs-1", exportLists: [list])])
        XCTAssertEqual(try run("nfs-export-acl", facts)["xs-1"]?.skipReason, .noEvidence, "/srv/vhd's own clients decide, and are unknown")
    }

    func testGrepOutputIsUsedAndWhatItLacksProvesNothing() throws {
        let shown = try SnapshotFixture.parse("""
        [root@xs-1 ~]# showmount -e 172.16.0.34 | grep vhd
        /srv/vhd     172.16.0.32/28
        """)
        XCTAssertEqual(try run("nfs-export-acl", shown)["xs-1"]?.status, .pass)
        XCTAssertEqual(try run("nfs-export-not-world-open", shown).values.first?.status, .pass)
        let lacking = try SnapshotFixture.parse("""
        [root@xs-1 ~]# showmount -e 172.16.0.34 | grep srv
        /srv/iso     172.16.0.0/27
        """)
        let acl = try XCTUnwrap(try run("nfs-export-acl", lacking)["xs-1"])
        XCTAssertEqual(acl.status, .skip, acl.message)
        XCTAssertEqual(acl.skipReason, .noEvidence)
        XCTAssertTrue(acl.message.contains("filter"), acl.message)
        XCTAssertEqual(try run("nfs-export-not-world-open", lacking).values.first?.skipReason, .noEvidence)
    }

    func testAWholeListFromAnotherHostBeatsThisHostsGrep() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# showmount -e 172.16.0.34 | grep iso
        /srv/iso     172.16.0.0/27
        [root@xs-2 ~]# showmount -e 172.16.0.34
        Export list for 172.16.0.34:
        /srv/iso     172.16.0.0/27
        """)
        // xs-2's whole list lacks /srv/vhd: knfsd lists every export, but xs-2 asked, not xs-1.
        let results = try run("nfs-export-acl", facts)
        XCTAssertEqual(results["xs-2"]?.status, .fail)
        XCTAssertNotEqual(results["xs-1"]?.status, .pass)
        XCTAssertNotEqual(results["xs-1"]?.status, .skip, "a whole list was given: xs-1 is judged on it")
    }

    func testUnaskedServerSkipsAndFailedProbeIsError() throws {
        XCTAssertEqual(try run("nfs-server-answers", Facts()).values.first?.status, .skip)
        let failed = Facts(probeFailures: [ProbeFailure(target: "172.16.0.34", source: .nfs, message: "NFS server 172.16.0.34: timed out")])
        XCTAssertEqual(try run("nfs-server-answers", failed).values.first?.status, .error)
        XCTAssertEqual(try run("nfs-export-acl", failed)["xs-2"]?.status, .error)
    }
}
