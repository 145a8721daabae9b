import Foundation
import Testing
@testable import PoolCheck

/// Issue 10: cost linear in hosts, and a clear limit instead of a run that never ends. The
/// speed itself is measured by bench/transcript-scale.sh, not here; these tests pin what the
/// linear code must still say.
@Suite struct SnapshotScaleTests {
    /// One bare prompt per host, each naming a different host, no output.
    static func prompts(_ count: Int, from first: Int = 0) -> String {
        (first..<(first + count)).map { "[root@xs-\($0) ~]# hostname\n" }.joined()
    }

    static func error(_ body: () throws -> Facts) -> SnapshotError? { SnapshotFixture.snapshotError(body) }

    @Test func promptsNamingTooManyHostsAreRefusedAtTheLineThatCrossesTheLimit() {
        let limit = SnapshotGatherer.maximumHosts
        let failure = Self.error { try SnapshotFixture.parse(Self.prompts(limit + 5), path: "many.txt") }
        #expect(failure == .tooManyHosts(path: "many.txt", line: limit + 1, limit: limit))
        #expect(failure?.description == "many.txt:\(limit + 1): the prompts name more than \(limit) different hosts, the most one run reads (a XenServer pool has at most 64); give one pool's transcripts at a time")
    }

    @Test func theSameHostsPromptedAgainAndAgainAreNoProblem() throws {
        let text = (0..<(SnapshotGatherer.maximumHosts + 5)).map { "[root@xs-\($0 % 3) ~]# hostname\n" }.joined()
        #expect(try SnapshotFixture.parse(text).hosts.count == 3)
    }

    @Test func filesThatTogetherNameTooManyHostsAreRefusedNamingTheFileThatCrossesIt() throws {
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        let half = SnapshotGatherer.maximumHosts / 2 + 1
        try Self.prompts(half).write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try Self.prompts(half, from: half).write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let failure = Self.error { try SnapshotGatherer.gather(path: folder.path) }
        #expect(failure == .tooManyHosts(path: folder.appendingPathComponent("b.txt").path, line: nil, limit: SnapshotGatherer.maximumHosts))
    }

    /// One file, several hosts listing overlapping records: merged in host order, a later
    /// host's copy of a field winning, each record once, completeness from any full listing.
    @Test func hostsOfOneFileMergeInOrderWithTheLaterCopyWinning() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe pif-list uuid=767aac49-ba37-3be7-5bad-87ae26d97e02
        uuid ( RO): 767aac49-ba37-3be7-5bad-87ae26d97e02
        device ( RO): eth2
        MTU ( RO): 1500

        [root@xs-2 ~]# xe pif-list
        uuid ( RO): 1f3ee6eb-09c2-44d3-82a8-ce20954f5092
        device ( RO): eth0

        uuid ( RO): 767aac49-ba37-3be7-5bad-87ae26d97e02
        device ( RO): eth2
        MTU ( RO): 9000

        [root@xs-3 ~]# xe pif-list uuid=2a3b4c5d-0000-4000-8000-000000000003
        uuid ( RO): 2a3b4c5d-0000-4000-8000-000000000003
        device ( RO): eth3
        """)
        let pifs = try #require(facts.database.PIFs)
        #expect(pifs.records.map(\.uuid) == ["767aac49-ba37-3be7-5bad-87ae26d97e02", "1f3ee6eb-09c2-44d3-82a8-ce20954f5092",
                                             "2a3b4c5d-0000-4000-8000-000000000003"])
        #expect(pifs.records[0].MTU == 9000)
        #expect(pifs.complete)
        #expect(facts.conflicts.isEmpty)
    }

    /// Many hosts' pools in one file (a preflight of one-host pools): each listing's pool is
    /// named once among the complete pools, in the order first seen.
    @Test func completePoolsOfManyHostsAreEachNamedOnce() throws {
        var text = ""
        for host in 0..<3 {
            let pool = "0000000\(host)-0000-4000-8000-000000000000"
            let own = "1000000\(host)-0000-4000-8000-000000000000"
            for _ in 0..<2 {
                text += "[root@xs-\(host) ~]# xe pool-list\nuuid ( RO): \(pool)\nmaster ( RO): \(own)\n\n"
                text += "[root@xs-\(host) ~]# xe host-list\nuuid ( RO): \(own)\nname-label ( RW): xs-\(host)\n\n"
            }
        }
        let facts = try SnapshotFixture.parse(text)
        #expect(facts.database.hosts?.completePools == (0..<3).map { "0000000\($0)-0000-4000-8000-000000000000" })
    }

    /// A listing longer than one reading stretch (4,096 lines) reads as a whole: a complete
    /// listing drops what an earlier one showed, unless an unreadable line (here in its
    /// second stretch) might have hidden a record.
    @Test func aListingLongerThanAStretchReadsAsAWhole() throws {
        func vm(_ index: Int) -> String {
            "uuid ( RO): \(String(format: "%08x", index))-0000-4000-8000-000000000000\nname-label ( RW): vm-\(index)\n\n"
        }
        let earlier = "[root@xs-1 ~]# xe vm-list\n" + vm(99_999)
        let records = (0..<2000).map(vm).joined()
        let whole = try SnapshotFixture.parse(earlier + "[root@xs-1 ~]# xe vm-list\n" + records)
        #expect(whole.database.VMs?.records.count == 2000)
        #expect(whole.warnings.isEmpty)
        let broken = records.replacingOccurrences(of: "name-label ( RW): vm-1500\n", with: "garbage line\n")
        let kept = try SnapshotFixture.parse(earlier + "[root@xs-1 ~]# xe vm-list\n" + broken)
        #expect(kept.database.VMs?.records.count == 2001)
        #expect(kept.warnings.count == 1)
        #expect(kept.warnings.first?.contains("garbage line") == true)
    }
}
