import Foundation
import Testing
@testable import PoolCheck

/// Two sources that disagree are never silently reconciled: files that disagree leave the
/// value in dispute and the host's rules say so (`error`); a live source supersedes a file
/// and the conflict records which value was used.
@Suite struct FactConflictTests {
    static let pif = "767aac49-ba37-3be7-5bad-87ae26d97e02"
    static let host = "e28ef0a3-0738-4bc5-9146-cae1205d1e20"

    static func transcript(mask: String) -> String {
        """
        [root@xs-1 ~]# xe host-list
        uuid ( RO) : \(host)
        name-label ( RW): xs-1

        [root@xs-1 ~]# xe pif-list params=uuid,device,host-uuid,IP,netmask,IP-configuration-mode,management
        uuid ( RO) : \(pif)
        device ( RO): eth2
        host-uuid ( RO): \(host)
        IP ( RO): 172.16.0.35
        netmask ( RO): \(mask)
        IP-configuration-mode ( RO): Static
        management ( RO): false

        """
    }

    static func rule(_ id: String) throws -> RuleDefinition {
        try #require(try RuleCatalog.bundled().rule(id: id))
    }

    @Test func filesThatDisagreeMakeTheHostsRulesError() throws {
        var facts = try SnapshotGatherer.parse(text: Self.transcript(mask: "255.255.255.240"), path: "before/xs-1.txt")
        facts.merge(try SnapshotGatherer.parse(text: Self.transcript(mask: "255.255.255.224"), path: "after/xs-1.txt"))
        let conflict = try #require(facts.conflicts.first)
        #expect(facts.conflicts.count == 1)
        #expect(conflict.object == "PIF" && conflict.id == Self.pif && conflict.field == "netmask" && conflict.resolution == nil)
        #expect(conflict.values.map(\.sources) == [["before/xs-1.txt"], ["after/xs-1.txt"]])
        #expect(conflict.host == Self.host)
        let report = RuleEngine(catalog: RuleCatalog(rules: [try Self.rule("storage-subnet-mask")])).run(facts: facts, plan: nil, phase: .audit)
        let result = try #require(report.results.first { $0.target.name == "xs-1" })
        #expect(result.status == .error)
        #expect(result.message.contains("the evidence disagrees") && result.message.contains("255.255.255.240"))
        #expect(report.warnings.contains { $0.hasPrefix("sources disagree: PIF \(Self.pif) netmask") })
        // The same value from both files is no conflict.
        var same = try SnapshotGatherer.parse(text: Self.transcript(mask: "255.255.255.240"), path: "a.txt")
        same.merge(try SnapshotGatherer.parse(text: Self.transcript(mask: "255.255.255.240"), path: "b.txt"))
        #expect(same.conflicts.isEmpty)
        #expect(same.provenance[Self.pif] == [0, 1])
    }

    @Test func aLiveSourceSupersedesAFileAndSaysSo() throws {
        var facts = try SnapshotGatherer.parse(text: Self.transcript(mask: "255.255.255.240"), path: "old.txt")
        var live = try SnapshotGatherer.parse(text: Self.transcript(mask: "255.255.255.224"), path: "x")
        live.sources = [EvidenceSource(kind: .xapi, label: "xapi:https://xs-1/")]
        facts.merge(live)
        let conflict = try #require(facts.conflicts.first)
        #expect(conflict.resolution?.contains("255.255.255.224") == true)
        #expect(facts.database.PIFs?[Self.pif]?.netmask == "255.255.255.224")
        let report = RuleEngine(catalog: RuleCatalog(rules: [try Self.rule("storage-subnet-mask")])).run(facts: facts, plan: nil, phase: .audit)
        #expect(report.results.first { $0.target.name == "xs-1" }?.status != .error)
        // A live answer read back from a facts file is a recording: no longer newer than a file.
        var recorded = live
        recorded.sources[0].recordedIn = "facts.json"
        var again = try SnapshotGatherer.parse(text: Self.transcript(mask: "255.255.255.240"), path: "old.txt")
        again.merge(recorded)
        #expect(again.conflicts.first?.resolution == nil)
    }
}
