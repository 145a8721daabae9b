/// A JSON value written pretty-printed (two-space indent, `"key" : value`, object keys in
/// the order given), strings escaped per RFC 8259.
indirect enum JSONValue {
    case string(String)
    case number(UInt64)
    case null
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    var text: String {
        var out = ""
        write(to: &out, level: 0)
        return out
    }

    private func write(to out: inout String, level: Int) {
        switch self {
        case .string(let value): Self.write(string: value, to: &out)
        case .number(let value): out += String(value)
        case .null: out += "null"
        case .array(let elements):
            writeContainer(open: "[", close: "]", count: elements.count, to: &out, level: level) { index, out in
                elements[index].write(to: &out, level: level + 1)
            }
        case .object(let fields):
            writeContainer(open: "{", close: "}", count: fields.count, to: &out, level: level) { index, out in
                Self.write(string: fields[index].key, to: &out)
                out += " : "
                fields[index].value.write(to: &out, level: level + 1)
            }
        }
    }

    private func writeContainer(open: String, close: String, count: Int, to out: inout String, level: Int,
                                element: (Int, inout String) -> Void) {
        guard count > 0 else { out += open + close; return }
        let inner = String(repeating: "  ", count: level + 1)
        out += open + "\n"
        for index in 0..<count {
            out += inner
            element(index, &out)
            out += index == count - 1 ? "\n" : ",\n"
        }
        out += String(repeating: "  ", count: level) + close
    }

    private static func write(string value: String, to out: inout String) {
        out += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
