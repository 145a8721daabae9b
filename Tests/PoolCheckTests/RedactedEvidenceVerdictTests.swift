import Foundation
import Testing
@testable import PoolCheck

/// A value masked in a pasted transcript is no evidence either way: the rules it feeds say
/// "not checked", never pass and never fail on it.
@Suite struct RedactedEvidenceVerdictTests {
    /// The example pool, with xs-2's storage IP masked in xe's PIF listing and xs-2's
    /// (grep-filtered, so partial) ifconfig no longer showing xenbr2.
    func verdicts(_ rule: String) throws -> [String: CheckResult] {
        let facts = try SnapshotFixture.exampleWithXs2StorageAddressHidden()
        #expect(facts.warnings.contains { $0.contains("IP: \"172.16.x.x\" is not a whole IP address (redacted or cut?); kept as unknown") })
        return try SnapshotFixture.verdicts(of: rule, facts: facts)
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
