import Foundation
import XCTest
@testable import PoolCheck

/// Each mission rule on the seed's example and on transcript variants of it: the example
/// as shipped, then one thing changed the way an admin would get it wrong.
final class MissionRuleVariantTests: XCTestCase {
    /// Copies examples/pdx0/<state> to a temporary folder, applies `edits` (file -> regex -> replacement),
    /// gathers it and runs `rule` in `phase` with the example plan.
    func verdicts(_ rule: String, phase: Phase = .audit, state: String = "after",
                  edits: [String: [(String, String)]] = [:], append: [String: String] = [:]) throws -> [String: Status] {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let source = repositoryRoot + "/examples/pdx0/" + state
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            var text = try String(contentsOfFile: source + "/" + name, encoding: .utf8)
            for (pattern, replacement) in edits[name] ?? [] {
                let changed = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
                XCTAssertNotEqual(changed, text, "edit '\(pattern)' changed nothing in \(name)")
                text = changed
            }
            text += append[name] ?? ""
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        let facts = try SnapshotGatherer.gather(path: folder)
        let plan = try PlanLoader.load(path: repositoryRoot + "/examples/pdx0/plan.yaml")
        let catalog = RuleCatalog(rules: [try XCTUnwrap(try RuleCatalog.bundled().rule(id: rule))])
        let report = RuleEngine(catalog: catalog).run(facts: facts, plan: plan, phase: phase)
        lastResults = report.results
        return Dictionary(report.results.map { ($0.target.name, $0.status) }, uniquingKeysWith: { a, _ in a })
    }

    var lastResults: [CheckResult] = []

    func message(_ target: String) -> String { lastResults.first { $0.target.name == target }?.message ?? "" }

    // MARK: storage-subnet-mask

    func testMaskPassesOnTheExampleAndFailsWithASlash27OnOneHost() throws {
        XCTAssertEqual(try verdicts("storage-subnet-mask"), ["xs-1": .pass, "xs-2": .pass])
        let slash27 = try verdicts("storage-subnet-mask", edits: [
            "xs-1.txt": [(#"(IP \( RO\): 172\.16\.0\.36\n\s+netmask \( RO\): )255\.255\.255\.240"#, "$1255.255.255.224")],
            "xs-2.txt": [("Bcast:172.16.0.47 Mask:255.255.255.240", "Bcast:172.16.0.63 Mask:255.255.255.224")],
        ])
        XCTAssertEqual(slash27, ["xs-1": .pass, "xs-2": .fail])
        XCTAssertTrue(message("xs-2").contains("/27"), message("xs-2"))
        XCTAssertEqual(lastResults.first { $0.target.name == "xs-2" }?.remediation,
                       "xe pif-reconfigure-ip uuid=ac04bd58-0ea2-4211-8b90-d34d747a8eb2 mode=static IP=172.16.0.36 netmask=255.255.255.240")
    }

    // MARK: storage-subnet-dedicated

    func testDedicatedSubnetFailsWhenAStorageIPIsInTheManagementRange() throws {
        XCTAssertEqual(try verdicts("storage-subnet-dedicated"), ["xs-1": .pass, "xs-2": .pass])
        let inManagement = try verdicts("storage-subnet-dedicated", edits: [
            "xs-1.txt": [(#"IP \( RO\): 172\.16\.0\.36\n(\s+)netmask \( RO\): 255\.255\.255\.240"#, "IP ( RO): 172.16.0.20\n$1netmask ( RO): 255.255.255.224")],
            "xs-2.txt": [("inet addr:172.16.0.36 Bcast:172.16.0.47 Mask:255.255.255.240", "inet addr:172.16.0.20 Bcast:172.16.0.31 Mask:255.255.255.224")],
        ])
        XCTAssertEqual(inManagement, ["xs-1": .pass, "xs-2": .fail])
        XCTAssertTrue(message("xs-2").contains("outside the storage subnet"), message("xs-2"))
    }

    // MARK: nfs-export-acl

    func testExportACLFailsForTheHostTheExportMisses() throws {
        XCTAssertEqual(try verdicts("nfs-export-acl"), ["xs-1": .pass, "xs-2": .pass])
        let narrowed = [("/srv/vhd 172.16.0.32/28", "/srv/vhd 172.16.0.35/32")]
        let missesOne = try verdicts("nfs-export-acl", edits: ["xs-1.txt": narrowed, "xs-2.txt": narrowed])
        XCTAssertEqual(missesOne, ["xs-1": .pass, "xs-2": .fail])
        XCTAssertTrue(message("xs-2").contains("refuses xs-2's storage IP 172.16.0.36"), message("xs-2"))
    }

    // MARK: host-not-pooled

    func testHostNotPooledFailsForAHostWhosePoolHasAnotherMember() throws {
        // Every host is judged, the master-to-be included.
        XCTAssertEqual(try verdicts("host-not-pooled", phase: .preflight, state: "before"), ["xs-1": .pass, "xs-2": .pass])
        let pooled = try verdicts("host-not-pooled", phase: .preflight, state: "before", edits: ["xs-2.txt": [
            (#"(\[root@xs-2 ~\]# xe host-list\n)"#, "$1    uuid ( RO) : 99999999-8888-7777-6666-555555555555\n    name-label ( RW): xs-9\n\n"),
        ]])
        XCTAssertEqual(pooled, ["xs-1": .pass, "xs-2": .fail])
        XCTAssertTrue(message("xs-2").contains("xs-9"), message("xs-2"))
    }

    // MARK: default-sr-propagated

    func testDefaultSRFailsWhenAMemberDoesNotReportItOrItIsNotShared() throws {
        XCTAssertEqual(try verdicts("default-sr-propagated"), ["xs-1": .pass, "xs-2": .pass])
        let unreported = try verdicts("default-sr-propagated", edits: ["xs-2.txt": [
            ("default-SR \\( RW\\): 8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca", "default-SR ( RW): <not in database>"),
        ]])
        XCTAssertEqual(unreported, ["xs-1": .pass, "xs-2": .fail])
        let notShared = try verdicts("default-sr-propagated", edits: ["xs-1.txt": [
            (#"shared \( RW\): true"#, "shared ( RW): false"), (#"host \( RO\): <shared>"#, "host ( RO): xs-1"),
        ]])
        XCTAssertEqual(notShared, ["xs-1": .fail, "xs-2": .fail])
        XCTAssertTrue(message("xs-1").contains("not shared"), message("xs-1"))
    }

    // MARK: storage-redundancy

    func testRedundancyFailsUnbondedAndPassesBonded() throws {
        XCTAssertEqual(try verdicts("storage-redundancy"), ["xs-1": .fail, "xs-2": .fail])
        let bonded = try verdicts("storage-redundancy", append: ["xs-1.txt": Self.bondOnXS1])
        XCTAssertEqual(bonded["xs-1"], .pass, message("xs-1"))
    }

    // MARK: skip names the missing command

    func testMissingFactsSkipNamingTheCommand() throws {
        let folder = try temporaryFolder()
        try "[root@xs-2 ~]# hostname\nxs-2\n".write(toFile: folder + "/xs-2.txt", atomically: true, encoding: .utf8)
        let facts = try SnapshotGatherer.gather(path: folder)
        let report = RuleEngine(catalog: try RuleCatalog.bundled()).run(facts: facts, plan: nil, phase: .audit)
        let redundancy = try XCTUnwrap(report.results.first { $0.rule == "storage-redundancy" })
        XCTAssertEqual(redundancy.status, .skip)
        XCTAssertTrue(redundancy.message.contains("xe pif-list"), redundancy.message)
        XCTAssertFalse(report.results.contains { $0.status == .pass && $0.target.name == "xs-2" },
                       "nothing passes on a transcript that shows nothing")
    }

    /// eth2 and eth1 bonded as bond0, which carries the storage IP.
    static let bondOnXS1 = """

    [root@xs-1 ~]# xe bond-list params=all
    uuid ( RO)             : 6b5f1e7a-0c2d-4e8f-9a1b-2c3d4e5f6a7b
                master ( RO): 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
                slaves ( RO): 767aac49-ba37-3be7-5bad-87ae26d97e02; c505bfb4-0b33-4ec8-9915-6ac27e37f0a9
                  mode ( RW): active-backup

    [root@xs-1 ~]# xe pif-list params=uuid,device,host-uuid,IP,netmask,bond-master-of,bond-slave-of,currently-attached
    uuid ( RO)                  : 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d
                   device ( RO): bond0
                host-uuid ( RO): e28ef0a3-0738-4bc5-9146-cae1205d1e20
                       IP ( RO): 172.16.0.35
                  netmask ( RO): 255.255.255.240
           bond-master-of (SRO): 6b5f1e7a-0c2d-4e8f-9a1b-2c3d4e5f6a7b
            bond-slave-of ( RO): <not in database>
       currently-attached ( RO): true

    uuid ( RO)                  : 767aac49-ba37-3be7-5bad-87ae26d97e02
                   device ( RO): eth2
                host-uuid ( RO): e28ef0a3-0738-4bc5-9146-cae1205d1e20
                       IP ( RO):
                  netmask ( RO):
           bond-master-of (SRO):
            bond-slave-of ( RO): 6b5f1e7a-0c2d-4e8f-9a1b-2c3d4e5f6a7b
       currently-attached ( RO): true

    uuid ( RO)                  : c505bfb4-0b33-4ec8-9915-6ac27e37f0a9
                   device ( RO): eth1
                host-uuid ( RO): e28ef0a3-0738-4bc5-9146-cae1205d1e20
                       IP ( RO):
                  netmask ( RO):
           bond-master-of (SRO):
            bond-slave-of ( RO): 6b5f1e7a-0c2d-4e8f-9a1b-2c3d4e5f6a7b
       currently-attached ( RO): true

    """
}
