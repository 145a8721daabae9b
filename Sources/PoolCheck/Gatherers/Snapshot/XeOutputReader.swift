/// One record as xe printed it: its `name (KIND): value` lines in order.
struct XeRawRecord: Sendable {
    struct Field: Sendable {
        var name: String
        var value: String
        /// Index into `TranscriptText.lines`.
        var line: Int
    }

    var fields: [Field] = []

    var uuid: String? { fields.first { $0.name == "uuid" }?.value }
}

/// Reads the output of `xe <class>-list` and `xe <class>-param-list`: records of
/// `name ( RO): value` lines (colons aligned or not, any indentation), separated by blank
/// lines, or by grep's `--` when the output went through grep.
enum XeOutputReader {
    static func records(_ text: TranscriptText, lines: [Int]) -> (records: [XeRawRecord], unplaced: [LineIssue]) {
        var records: [XeRawRecord] = []
        var unplaced: [LineIssue] = []
        var current = XeRawRecord()
        func finish() {
            let count = current.fields.count
            if count > 0 { records.append(current) }
            current = XeRawRecord()
            // A listing's records have the same fields: room for them at once, not by doubling.
            current.fields.reserveCapacity(count)
        }
        for line in lines {
            let range = text.trimmed(text.lines[line])
            if range.isEmpty || text.equals(range, "--") {
                finish()
                continue
            }
            guard let (name, value) = field(text, range) else {
                unplaced.append(LineIssue(line))
                continue
            }
            // Without blank lines between records (grep drops them), a field seen again
            // starts the next record.
            if current.fields.contains(where: { $0.name == name }) { finish() }
            current.fields.append(.init(name: name, value: value, line: line))
        }
        finish()
        return (records, unplaced)
    }

    /// `name ( RO): value`, `uuid ( RO)    : value`, `name (MRW):` (empty value),
    /// `name ( RW) [DEPRECATED]: value`.
    static func field(_ text: TranscriptText, _ range: Range<Int>) -> (name: String, value: String)? {
        let bytes = text.bytes
        var open = range.lowerBound + 1
        while open < range.upperBound {
            if bytes[open] == UInt8(ascii: "(") && bytes[open - 1] == 32 { break }
            open += 1
        }
        // The six kinds xe prints, `( RO) ( RW) (MRO) (MRW) (SRO) (SRW)`: read-only or
        // read-write, plain, map (M) or set (S).
        let close = open + 4
        guard close < range.upperBound, bytes[close] == UInt8(ascii: ")"),
              bytes[open + 1] == 32 || bytes[open + 1] == UInt8(ascii: "M") || bytes[open + 1] == UInt8(ascii: "S"),
              bytes[open + 2] == UInt8(ascii: "R"),
              bytes[open + 3] == UInt8(ascii: "O") || bytes[open + 3] == UInt8(ascii: "W") else { return nil }
        var colon = close + 1
        while colon < range.upperBound && TranscriptText.isSpace(bytes[colon]) { colon += 1 }
        // xe marks a field kept for old scripts `host ( RO) [DEPRECATED]: ...`: still the value.
        if colon < range.upperBound, bytes[colon] == UInt8(ascii: "[") {
            var end = colon + 1
            while end < range.upperBound, bytes[end] >= UInt8(ascii: "A"), bytes[end] <= UInt8(ascii: "Z") { end += 1 }
            guard end > colon + 1, end < range.upperBound, bytes[end] == UInt8(ascii: "]") else { return nil }
            colon = end + 1
            while colon < range.upperBound && TranscriptText.isSpace(bytes[colon]) { colon += 1 }
        }
        guard colon < range.upperBound, bytes[colon] == UInt8(ascii: ":") else { return nil }
        let nameRange = text.trimmed(range.lowerBound..<open)
        guard !nameRange.isEmpty, !nameRange.contains(where: { TranscriptText.isSpace(bytes[$0]) }) else { return nil }
        return (text.string(nameRange), text.string(text.trimmed((colon + 1)..<range.upperBound)))
    }

    /// `xe <class>-list --minimal`: one line of comma-separated uuids.
    static func minimalRecords(_ text: TranscriptText, lines: [Int]) -> (records: [XeRawRecord], unplaced: [LineIssue]) {
        var records: [XeRawRecord] = []
        var unplaced: [LineIssue] = []
        for line in lines {
            let range = text.trimmed(text.lines[line])
            if range.isEmpty { continue }
            let items = text.string(range).split(separator: ",").map(String.init)
            guard items.allSatisfy(XeValue.isUUID) else {
                unplaced.append(LineIssue(line, "not a comma-separated list of uuids"))
                continue
            }
            for item in items {
                records.append(XeRawRecord(fields: [.init(name: "uuid", value: item, line: line)]))
            }
        }
        return (records, unplaced)
    }
}
