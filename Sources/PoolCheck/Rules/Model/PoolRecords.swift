/// Every member's xe talks to the master's database, so a record may be seen from any
/// host's view, often with fewer fields in one (`xe pif-list` columns) than another
/// (`xe pif-param-list`). Built once per run: each record's fullest copy across views.
public struct PoolRecords: Sendable {
    public let PIFs: [PIF]
    public let bonds: [Bond]
    let pifsByHost: [String: [PIF]]

    init(views: [HostView]) {
        PIFs = Self.fullest(views) { $0.PIFs }
        bonds = Self.fullest(views) { $0.bonds }
        pifsByHost = Dictionary(grouping: PIFs.filter { $0.host != nil }) { $0.host! }
    }

    public func pif(_ uuid: String) -> PIF? { PIFs.first { $0.uuid == uuid } }
    public func bond(_ uuid: String) -> Bond? { bonds.first { $0.uuid == uuid } }

    static func fullest<Record: XapiRecord>(_ views: [HostView], _ set: (XapiDatabase) -> RecordSet<Record>?) -> [Record] {
        var byUUID: [String: Record] = [:]
        var order: [String] = []
        // Over XAPI every member's view holds the same (shared) database: merge each
        // distinct record set once. Array equality is O(1) for shared storage.
        var merged: [RecordSet<Record>] = []
        for view in views {
            guard let records = set(view.database), !merged.contains(records) else { continue }
            merged.append(records)
            for record in records.records {
                if let known = byUUID[record.uuid] {
                    if record.shownCount >= known.shownCount { byUUID[record.uuid] = record }
                } else {
                    byUUID[record.uuid] = record
                    order.append(record.uuid)
                }
            }
        }
        return order.compactMap { byUUID[$0] }
    }
}
