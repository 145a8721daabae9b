/// The records of one class one host showed, kept by uuid so a record shown again (a
/// `-list` then a `-param-list`, or before and after a change) merges field by field,
/// the later value winning.
struct RecordTable<Record: ModelledRecord>: Sendable {
    private(set) var records: [Record] = []
    private var index: [String: Int] = [:]
    /// Which listing last showed each record (parallel to `records`).
    private var listedIn: [Int] = []
    private var listing = 0
    /// Some listing of the class was read (even an empty one).
    private(set) var seen = false
    /// An unfiltered listing was read, so a record not in it does not exist.
    private(set) var complete = false

    mutating func markSeen(complete: Bool) {
        seen = true
        if complete { self.complete = true }
    }

    /// After a complete listing: records it did not show no longer exist (a host that
    /// joined another pool, a VM destroyed since an earlier listing).
    mutating func beginListing() { listing += 1 }

    mutating func retainOnlyCurrentListing() {
        guard listedIn.contains(where: { $0 != listing }) else { return }
        var kept: [Record] = [], keptListing: [Int] = []
        for (slot, record) in records.enumerated() where listedIn[slot] == listing {
            kept.append(record)
            keptListing.append(listing)
        }
        records = kept
        listedIn = keptListing
        index = Dictionary(uniqueKeysWithValues: records.enumerated().map { ($1.uuid, $0) })
    }

    /// Applies a record's fields; returns the lines whose values did not fit their field.
    mutating func apply(uuid: String, _ record: XeRawRecord) -> [LineIssue] {
        let slot: Int
        if let found = index[uuid] {
            slot = found
        } else {
            // An xe record shows only the fields printed: never "all fields, all unset" (nil),
            // which a uuid-only line (`--minimal`, `params=uuid`) would otherwise claim.
            var record = Record(uuid: uuid)
            record.shown = []
            records.append(record)
            listedIn.append(listing)
            slot = records.count - 1
            index[uuid] = slot
        }
        listedIn[slot] = listing
        var issues: [LineIssue] = []
        for field in record.fields where field.name != "uuid" {
            // A field poolcheck does not model is ignored, not guessed at.
            guard let position = Record.xeFieldIndex[field.name] else { continue }
            // A masked or cut address stays unknown: not shown, so no rule judges it.
            if let reason = RedactedValue.reason(field: field.name, field.value) {
                issues.append(LineIssue(field.line, "\(field.name): \(reason); kept as unknown"))
                continue
            }
            do {
                try records[slot].apply(field: position, XeValue(text: field.value))
            } catch {
                issues.append(LineIssue(field.line, "\(field.name): \(error.reason)"))
            }
        }
        return issues
    }

    func recordSet(completePools: [String]?) -> RecordSet<Record>? {
        seen ? RecordSet(records: records, complete: complete, completePools: complete ? completePools : nil) : nil
    }
}
