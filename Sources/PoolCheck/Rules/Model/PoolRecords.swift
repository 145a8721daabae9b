/// Every member's xe talks to the master's database, so a record may be seen from any
/// host's view, often with fewer fields in one (`xe pif-list` columns) than another
/// (`xe pif-param-list`). These look a record up across all views, keeping the fullest copy.
enum PoolRecords {
    static func all<Record: XapiRecord>(_ views: [HostView], _ set: (XapiDatabase) -> RecordSet<Record>?) -> [Record] {
        var byUUID: [String: Record] = [:]
        var order: [String] = []
        for view in views {
            for record in set(view.database)?.records ?? [] {
                if let known = byUUID[record.uuid] {
                    if fieldCount(record) >= fieldCount(known) { byUUID[record.uuid] = record }
                } else {
                    byUUID[record.uuid] = record
                    order.append(record.uuid)
                }
            }
        }
        return order.compactMap { byUUID[$0] }
    }

    /// How many fields a record has values for.
    static func fieldCount(_ record: some XapiRecord) -> Int {
        Mirror(reflecting: record).children.filter { child in
            if case Optional<Any>.none = child.value as Any? { return false }
            let inner = Mirror(reflecting: child.value)
            return !(inner.displayStyle == .optional && inner.children.isEmpty)
        }.count
    }
}
