import Foundation
import Testing
@testable import PoolCheck

/// A value masked in a pasted transcript is no evidence either way: the rules it feeds say
/// "not checked", never pass and never fail on it.
@Suite struct RedactedEvidenceVerdictTests {
    /// The example pool, with xs-2's storage IP masked in xe's PIF listing and xs-2's
    /// (grep-filtered, so partial) ifconfig no longer showing xenbr2.
    func verdicts(_ rule: String) throws -> [String: CheckResult] {
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        let source = SnapshotFixture.repositoryRoot.appendingPathComponent("examples/pdx0/after")
        let xs1 = try String(contentsOf: source.appendingPathComponent("xs-1.txt"), encoding: .utf8)
        let xs2 = try String(contentsOf: source.appendingPathComponent("xs-2.txt"), encoding: .utf8)
        let masked = xs1.replacingOccurrences(of: "IP ( RO): 172.16.0.36", with: "IP ( RO): 172.16.x.x")
        let noBridge = xs2.replacingOccurrences(of: "    xenbr2 Link encap:Ethernet HWaddr 00:26:55:D1:E9:3A\n    inet addr:172.16.0.36 Bcast:172.16.0.47 Mask:255.255.255.240\n", with: "")
        #expect(masked != xs1 && noBridge != xs2)
        try masked.write(to: folder.appendingPathComponent("xs-1.txt"), atomically: true, encoding: .utf8)
        try noBridge.write(to: folder.appendingPathComponent("xs-2.txt"), atomically: true, encoding: .utf8)
        let facts = try SnapshotGatherer.gather(path: folder.path)
        #expect(facts.warnings.contains { $0.contains("IP: \"172.16.x.x\" is not a whole IP address (redacted or cut?); kept as unknown") })
        let plan = try PlanLoader.load(path: SnapshotFixture.example("plan.yaml"))
        let catalog = RuleCatalog(rules: [try #require(try RuleCatalog.bundled().rule(id: rule))])
        let report = RuleEngine(catalog: catalog).run(facts: facts, plan: plan, phase: .audit)
        return Dictionary(report.results.map { ($0.target.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    @Test(arguments: ["storage-subnet-mask", "storage-subnet-dedicated"])
    func maskedStorageIPIsNotCheckedRatherThanFailed(rule: String) throws {
        let results = try verdicts(rule)
        let xs2 = try #require(results["xs-2"])
        #expect(xs2.status == .skip, "\(xs2.status): \(xs2.message)")
        #expect(xs2.message.contains("the storage interface's address not collected"), "\(xs2.message)")
        #expect(results["xs-1"]?.status == .pass)
    }

    /// "All distinct" over the addresses seen is no pass when one was masked.
    @Test func maskedStorageIPLeavesUniquenessUnchecked() throws {
        let pool = try #require(try verdicts("storage-ip-unique")["PDX0"])
        #expect(pool.status == .skip, "\(pool.status): \(pool.message)")
        #expect(pool.message.contains("the storage address of xs-2 was not shown"), "\(pool.message)")
    }
}
