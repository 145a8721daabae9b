import TextFormats

/// A small JSON reader and writer over `XapiValue`, with the same size and depth bounds as
/// the XML parser. Written here rather than taken from Foundation so that ints stay exact
/// 64-bit values, booleans never turn into numbers, and hostile input is bounded.
public enum JSONCodec {
    public static func encode(_ value: XapiValue) -> [UInt8] {
        var out = ""
        append(value, to: &out)
        return Array(out.utf8)
    }

    public static func decode(_ bytes: [UInt8], limits: ParserLimits = .default) throws -> XapiValue {
        guard bytes.count <= limits.maxBytes else {
            throw ParseError("document of \(bytes.count) bytes exceeds the \(limits.maxBytes)-byte limit", at: 0)
        }
        var reader = JSONReader(bytes: bytes, maxDepth: limits.maxDepth)
        reader.skipSpaces()
        let value = try reader.value(depth: 0)
        reader.skipSpaces()
        guard reader.index == bytes.count else { throw ParseError("content after the JSON value", at: reader.index) }
        return value
    }

    private static func append(_ value: XapiValue, to out: inout String) {
        switch value {
        case .string(let text), .dateTime(let text): OrderedJSON.quote(text, into: &out)
        case .int(let number): out += String(number)
        case .double(let number): out += number.isFinite ? String(number) : "0"
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (position, item) in items.enumerated() {
                if position > 0 { out += "," }
                append(item, to: &out)
            }
            out += "]"
        case .map(let members):
            out += "{"
            for (position, key) in members.keys.sorted().enumerated() {
                if position > 0 { out += "," }
                OrderedJSON.quote(key, into: &out)
                out += ":"
                append(members[key]!, to: &out)
            }
            out += "}"
        }
    }
}

private struct JSONReader {
    let bytes: [UInt8]
    let maxDepth: Int
    var index = 0

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    mutating func value(depth: Int) throws -> XapiValue {
        guard index < bytes.count else { throw ParseError("JSON ends early (reply cut short?)", at: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            guard depth < maxDepth else { throw ParseError("nesting deeper than \(maxDepth) levels", at: index) }
            index += 1
            var members: [String: XapiValue] = [:]
            skipSpaces()
            if try consume(UInt8(ascii: "}")) { return .map(members) }
            repeat {
                skipSpaces()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw ParseError("expected a member name", at: index) }
                let key = try string()
                skipSpaces()
                guard try consume(UInt8(ascii: ":")) else { throw ParseError("expected ':'", at: index) }
                skipSpaces()
                members[key] = try value(depth: depth + 1)
                skipSpaces()
            } while try consume(UInt8(ascii: ","))
            guard try consume(UInt8(ascii: "}")) else { throw ParseError("expected ',' or '}'", at: index) }
            return .map(members)
        case UInt8(ascii: "["):
            guard depth < maxDepth else { throw ParseError("nesting deeper than \(maxDepth) levels", at: index) }
            index += 1
            var items: [XapiValue] = []
            skipSpaces()
            if try consume(UInt8(ascii: "]")) { return .array(items) }
            repeat {
                skipSpaces()
                items.append(try value(depth: depth + 1))
                skipSpaces()
            } while try consume(UInt8(ascii: ","))
            guard try consume(UInt8(ascii: "]")) else { throw ParseError("expected ',' or ']'", at: index) }
            return .array(items)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            return try number()
        }
    }

    private mutating func consume(_ byte: UInt8) throws -> Bool {
        guard index < bytes.count else { throw ParseError("JSON ends early (reply cut short?)", at: index) }
        guard bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let same = index + count <= bytes.count && word.withUTF8Buffer { Array($0) == Array(bytes[index..<index + count]) }
        guard same else { throw ParseError("unexpected JSON token", at: index) }
        index += count
    }

    private mutating func number() throws -> XapiValue {
        let start = index
        var isInteger = true
        while index < bytes.count {
            let byte = bytes[index]
            if (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                index += 1
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                isInteger = false
                index += 1
            } else {
                break
            }
        }
        guard index > start, index - start < 64 else { throw ParseError("unexpected JSON token", at: start) }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let number = Int64(text) { return .int(number) }
        guard let number = Double(text) else { throw ParseError("bad JSON number \(text)", at: start) }
        return .double(number)
    }

    private mutating func string() throws -> String {
        let start = index
        index += 1
        var output: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: output, as: UTF8.self) else {
                    throw ParseError("string is not valid UTF-8", at: start)
                }
                return text
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { throw ParseError("JSON ends early inside a string", at: index) }
                let escaped = bytes[index + 1]
                index += 2
                switch escaped {
                case UInt8(ascii: "\""): output.append(0x22)
                case UInt8(ascii: "\\"): output.append(0x5C)
                case UInt8(ascii: "/"): output.append(0x2F)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if code >= 0xD800 && code < 0xDC00 {
                        // A surrogate pair spells one scalar beyond the BMP.
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw ParseError("lone surrogate in string", at: index)
                        }
                        index += 2
                        let low = try hex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw ParseError("bad surrogate pair", at: index) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw ParseError("bad \\u escape", at: index) }
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw ParseError("bad escape in string", at: index - 1)
                }
            default:
                guard byte >= 0x20 else { throw ParseError("control character in string", at: index) }
                output.append(byte)
                index += 1
            }
        }
        throw ParseError("JSON ends early inside a string (reply cut short?)", at: start)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count,
              let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else { throw ParseError("bad \\u escape", at: index) }
        index += 4
        return code
    }
}
