import Foundation
import Testing
@testable import PoolCheck

/// Provenance is kept per record and written grouped by source set, so a pool whose every
/// host repeated the same listings names that set once in the facts file.
@Suite struct ProvenanceTests {
    @Test func repeatedListingsAreOneGroupAndReadBackTheSame() throws {
        let pool = SyntheticPool(hosts: 4, vms: 10, repeatListings: true)
        var facts = Facts()
        facts.merge(try pool.transcripts().map { try SnapshotGatherer.parse(text: $0.text, path: $0.name) })
        let pif = pool.pifUUID(2, 2)
        #expect(facts.provenance[pif] == [0, 1, 2, 3])
        #expect(facts.conflicts.isEmpty)
        let data = try JSONEncoder().encode(facts)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let groups = try #require(json["provenance"] as? [[String: Any]])
        #expect(groups.count == 1)
        #expect(groups[0]["sources"] as? [Int] == [0, 1, 2, 3])
        #expect(try JSONDecoder().decode(Facts.self, from: data) == facts)
    }

    @Test func eachHostsOwnRecordsKeepTheirOwnSources() throws {
        let pool = SyntheticPool(hosts: 3, vms: 4)
        var facts = Facts()
        facts.merge(try pool.transcripts().map { try SnapshotGatherer.parse(text: $0.text, path: $0.name) })
        // The master listed everything; each member also listed its own PIFs.
        #expect(facts.provenance[pool.pifUUID(1, 0)] == [0, 1])
        #expect(facts.provenance[pool.pifUUID(2, 0)] == [0, 2])
        #expect(facts.provenance[pool.vmUUID(0)] == [0])
        let data = try JSONEncoder().encode(facts)
        #expect(try JSONDecoder().decode(Facts.self, from: data).provenance == facts.provenance)
    }

    @Test func mergingOneByOneEqualsMergingAtOnce() throws {
        let pool = SyntheticPool(hosts: 5, vms: 6)
        let parts = try pool.transcripts().map { try SnapshotGatherer.parse(text: $0.text, path: $0.name) }
        var oneByOne = Facts()
        for part in parts { oneByOne.merge(part) }
        var atOnce = Facts()
        atOnce.merge(parts)
        #expect(oneByOne == atOnce)
    }

    /// Found by the facts fuzzer: a provenance group naming a source the file does not list
    /// trapped the join checks. It is bad input when the file is read, naming the record.
    @Test(arguments: [3, -1])
    func provenanceNamingAMissingSourceIsBadInput(index: Int) throws {
        let pool = SyntheticPool(hosts: 3, vms: 4)
        var facts = Facts()
        facts.merge(try pool.transcripts().map { try SnapshotGatherer.parse(text: $0.text, path: $0.name) })
        #expect(facts.sources.count == 3)
        facts.provenance[pool.vmUUID(0)] = [0, index]
        let data = try JSONEncoder().encode(facts)
        let error = #expect(throws: InputError.self) { try FactsFile.decode(data, path: "edited.json") }
        let message = error?.description ?? ""
        #expect(message.contains("edited.json") && message.contains("record \(pool.vmUUID(0)) source #\(index)"), "\(message)")
        facts.provenance[pool.vmUUID(0)] = [0, 2]
        #expect(try FactsFile.decode(try JSONEncoder().encode(facts), path: "whole.json").provenance[pool.vmUUID(0)] == [0, 2])
    }
}

