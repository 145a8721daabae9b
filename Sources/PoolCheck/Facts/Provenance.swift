/// For each record uuid, the indexes (into `Facts.sources`) of the sources that showed it.
///
/// Written grouped by source set: when every host's transcript repeats the pool's listings,
/// nearly every record has the same sources, and the facts file names that set once
/// instead of once per record (a 64-host pool: one group, not 64 indexes x 2,400 records).
public struct Provenance: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private var sourcesByUUID: [String: [Int]]

    public init(_ sourcesByUUID: [String: [Int]] = [:]) {
        self.sourcesByUUID = sourcesByUUID
    }

    public init(dictionaryLiteral elements: (String, [Int])...) {
        self.init(Dictionary(elements, uniquingKeysWith: { first, _ in first }))
    }

    public subscript(uuid: String) -> [Int]? {
        get { sourcesByUUID[uuid] }
        set { sourcesByUUID[uuid] = newValue }
    }

    /// A record whose sources include an index outside `sources` (a facts file edited by
    /// hand or cut short): checked once when the file is read, so no rule ever looks one up.
    func firstSource(outside sources: Range<Int>) -> (uuid: String, index: Int)? {
        for (uuid, indexes) in sourcesByUUID {
            if let index = indexes.first(where: { !sources.contains($0) }) { return (uuid, index) }
        }
        return nil
    }

    /// Adds sources to what showed `uuid` (indexes of a newer source, so never already there).
    mutating func add(_ sources: [Int], to uuid: String) {
        sourcesByUUID[uuid, default: []].append(contentsOf: sources)
    }
}

extension Provenance: Codable {
    /// `[{"sources": [0, 1], "records": [uuid, ...]}, ...]`, groups and uuids sorted.
    private struct Group: Codable {
        var sources: [Int]
        var records: [String]
    }

    public init(from decoder: any Decoder) throws {
        var byUUID: [String: [Int]] = [:]
        for group in try [Group](from: decoder) {
            for uuid in group.records { byUUID[uuid] = group.sources }
        }
        self.init(byUUID)
    }

    public func encode(to encoder: any Encoder) throws {
        var groups: [[Int]: [String]] = [:]
        for (uuid, sources) in sourcesByUUID { groups[sources, default: []].append(uuid) }
        let sorted = groups.map { Group(sources: $0.key, records: $0.value.sorted()) }
            .sorted { $0.sources.lexicographicallyPrecedes($1.sources) }
        try sorted.encode(to: encoder)
    }
}
