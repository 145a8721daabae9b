/// Prints records the way the real xe CLI does (xen-api `cli_printer.ml`): the first
/// field name padded on the right, the others on the left, so the colons line up; a
/// blank line after every record.
public enum XeRecordPrinter {
    /// One field: xe name, kind (`RO`, `RW`, `MRO`, `MRW`, `SRO`, `SRW`) and value.
    public struct Field: Sendable {
        public var name: String
        public var kind: String
        public var value: String

        public init(_ name: String, _ kind: String, _ value: String) {
            self.name = name
            self.kind = kind
            self.value = value
        }
    }

    public static func record(_ fields: [Field]) -> String {
        let keys = fields.map { "\($0.name) (\($0.kind.count == 2 ? " " + $0.kind : $0.kind))" }
        let width = 4 + (keys.map(\.count).max() ?? 0)
        var out = ""
        for (index, field) in fields.enumerated() {
            let key = keys[index]
            let padding = String(repeating: " ", count: max(0, width - key.count))
            out += (index == 0 ? key + padding : padding + key) + ": " + field.value + "\n"
        }
        return out + "\n"
    }
}
