import TextFormats

/// XML-RPC as XAPI speaks it (`POST /`, content type text/xml).
///
/// Encoding follows XAPI: strings (refs, uuids, enums) as `<value>text</value>`, 64-bit
/// ints as decimal strings rather than `<i4>`, sets as `<array>`, maps as `<struct>`.
/// Decoding accepts what any XML-RPC server sends (`<string>`, `<i4>`, `<int>`, `<i8>`,
/// `<nil/>` and friends) through the safe parser, so size and nesting are bounded.
public enum XMLRPCCodec {
    // MARK: encoding

    public static func encodeCall(method: String, params: [XapiValue]) -> [UInt8] {
        var out = "<?xml version=\"1.0\"?>\n<methodCall><methodName>"
        out += XMLText.content(method)
        out += "</methodName><params>"
        for param in params {
            out += "<param>"
            append(param, to: &out)
            out += "</param>"
        }
        out += "</params></methodCall>\n"
        return Array(out.utf8)
    }

    /// A method response carrying one value (XAPI's Status/Value struct).
    public static func encodeResponse(_ value: XapiValue) -> [UInt8] {
        var out = "<?xml version=\"1.0\"?>\n<methodResponse><params><param>"
        append(value, to: &out)
        out += "</param></params></methodResponse>\n"
        return Array(out.utf8)
    }

    public static func encode(_ value: XapiValue) -> String {
        var out = ""
        append(value, to: &out)
        return out
    }

    private static func append(_ value: XapiValue, to out: inout String) {
        out += "<value>"
        switch value {
        case .string(let text):
            out += XMLText.content(text)
        case .int(let number):
            // XAPI's convention: int is 64-bit and travels as a string of decimal digits.
            out += String(number)
        case .double(let number):
            out += "<double>\(number.isFinite ? String(number) : "0")</double>"
        case .bool(let flag):
            out += flag ? "<boolean>1</boolean>" : "<boolean>0</boolean>"
        case .dateTime(let text):
            out += "<dateTime.iso8601>"
            out += XMLText.content(text)
            out += "</dateTime.iso8601>"
        case .array(let items):
            out += "<array><data>"
            for item in items { append(item, to: &out) }
            out += "</data></array>"
        case .map(let members):
            out += "<struct>"
            // Sorted so the same value always encodes to the same bytes.
            for key in members.keys.sorted() {
                out += "<member><name>"
                out += XMLText.content(key)
                out += "</name>"
                append(members[key]!, to: &out)
                out += "</member>"
            }
            out += "</struct>"
        case .null:
            out += "<nil/>"
        }
        out += "</value>"
    }

    // MARK: decoding

    /// The single value of a `<methodResponse>`; a `<fault>` becomes `XMLRPCFault`.
    public static func decodeResponse(_ bytes: [UInt8], limits: ParserLimits = .default) throws -> XapiValue {
        var reader = try EventReader(bytes, limits: limits)
        try reader.expectStart("methodResponse")
        let value: XapiValue
        switch try reader.nextElement() {
        case "params":
            try reader.expectStart("param")
            try reader.expectStart("value")
            value = try reader.value()
            try reader.expectEnd("param")
            try reader.expectEnd("params")
        case "fault":
            try reader.expectStart("value")
            let fault = try reader.value()
            try reader.expectEnd("fault")
            throw XMLRPCFault(code: fault["faultCode"]?.intValue ?? 0,
                              message: fault["faultString"]?.stringValue ?? "no faultString")
        case let other:
            throw ParseError("<methodResponse> holds <\(other)>, not <params> or <fault>", at: reader.offset)
        }
        try reader.expectEnd("methodResponse")
        try reader.expectEndOfDocument()
        return value
    }

    /// A `<methodCall>`: the method name and its parameters (used by the simulator).
    public static func decodeCall(_ bytes: [UInt8], limits: ParserLimits = .default) throws
        -> (method: String, params: [XapiValue])
    {
        var reader = try EventReader(bytes, limits: limits)
        try reader.expectStart("methodCall")
        try reader.expectStart("methodName")
        let method = try reader.textUntilEnd("methodName")
        var params: [XapiValue] = []
        if let element = try reader.nextElementOrEnd("methodCall") {
            guard element == "params" else { throw ParseError("unexpected <\(element)> in <methodCall>", at: reader.offset) }
            while let param = try reader.nextElementOrEnd("params") {
                guard param == "param" else { throw ParseError("unexpected <\(param)> in <params>", at: reader.offset) }
                try reader.expectStart("value")
                params.append(try reader.value())
                try reader.expectEnd("param")
            }
            try reader.expectEnd("methodCall")
        }
        try reader.expectEndOfDocument()
        return (method.trimmingCharacters(), params)
    }
}

/// An XML-RPC `<fault>`: XAPI itself reports failures in its Status struct instead, but
/// a proxy or a generic XML-RPC server in front of it may answer this way.
public struct XMLRPCFault: Error, Equatable, CustomStringConvertible {
    public var code: Int64
    public var message: String
    public var description: String { "XML-RPC fault \(code): \(message)" }
}

/// Walks parser events with the structure XML-RPC prescribes, skipping whitespace between elements.
private struct EventReader {
    private var parser: SafeXMLParser
    private var peeked: XMLEvent?

    init(_ bytes: [UInt8], limits: ParserLimits) throws {
        parser = try SafeXMLParser(bytes, limits: limits)
    }

    var offset: Int { parser.position }

    private mutating func nextEvent() throws -> XMLEvent? {
        if let event = peeked {
            peeked = nil
            return event
        }
        return try parser.next()
    }

    /// The next element start or end, skipping whitespace-only text.
    private mutating func nextTag() throws -> XMLEvent {
        while let event = try nextEvent() {
            if case .text(let text) = event {
                guard text.allSatisfy(\.isWhitespace) else {
                    throw ParseError("unexpected text \"\(text.prefix(40))\"", at: parser.position)
                }
                continue
            }
            return event
        }
        throw ParseError("document ended early", at: parser.position)
    }

    mutating func expectStart(_ name: String) throws {
        let event = try nextTag()
        guard event == .start(name) else { throw ParseError("expected <\(name)>, found \(event.shown)", at: parser.position) }
    }

    mutating func expectEnd(_ name: String) throws {
        let event = try nextTag()
        guard event == .end(name) else { throw ParseError("expected </\(name)>, found \(event.shown)", at: parser.position) }
    }

    mutating func nextElement() throws -> String {
        let event = try nextTag()
        guard case .start(let name) = event else { throw ParseError("expected an element, found \(event.shown)", at: parser.position) }
        return name
    }

    /// The next child element's name, or nil when `parent` closes instead.
    mutating func nextElementOrEnd(_ parent: String) throws -> String? {
        switch try nextTag() {
        case .start(let name): return name
        case .end(let name) where name == parent: return nil
        case let event: throw ParseError("unexpected \(event.shown) in <\(parent)>", at: parser.position)
        }
    }

    mutating func expectEndOfDocument() throws {
        while let event = try nextEvent() {
            throw ParseError("content after the root element: \(event.shown)", at: parser.position)
        }
    }

    mutating func textUntilEnd(_ name: String) throws -> String {
        var text = ""
        while let event = try nextEvent() {
            switch event {
            case .text(let more): text += more
            case .end(let closing) where closing == name: return text
            default: throw ParseError("unexpected \(event.shown) inside <\(name)>", at: parser.position)
            }
        }
        throw ParseError("document ended inside <\(name)>", at: parser.position)
    }

    /// The content of a `<value>` whose start tag was just read, through its end tag.
    mutating func value() throws -> XapiValue {
        var leadingText = ""
        while true {
            guard let event = try nextEvent() else { throw ParseError("document ended inside <value>", at: parser.position) }
            switch event {
            case .text(let text):
                leadingText += text
            case .end("value"):
                // An untyped value is a string (XML-RPC spec); XAPI sends most strings this way.
                return .string(leadingText)
            case .start(let type):
                guard leadingText.allSatisfy(\.isWhitespace) else {
                    throw ParseError("text mixed with <\(type)> in <value>", at: parser.position)
                }
                let value = try typed(type)
                try expectEnd("value")
                return value
            case .end(let name):
                throw ParseError("unexpected </\(name)> in <value>", at: parser.position)
            }
        }
    }

    private mutating func typed(_ type: String) throws -> XapiValue {
        switch type {
        case "string":
            return .string(try textUntilEnd(type))
        case "i4", "int", "i8", "ex:i8", "i2", "i1":
            let text = try textUntilEnd(type)
            guard let number = Int64(text.trimmingSpaces) else { throw ParseError("bad <\(type)> \"\(text.prefix(40))\"", at: parser.position) }
            return .int(number)
        case "boolean":
            switch try textUntilEnd(type).trimmingSpaces {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            case let other: throw ParseError("bad <boolean> \"\(other.prefix(40))\"", at: parser.position)
            }
        case "double", "float", "ex:float":
            let text = try textUntilEnd(type)
            guard let number = Double(text.trimmingSpaces) else { throw ParseError("bad <double> \"\(text.prefix(40))\"", at: parser.position) }
            return .double(number)
        case "dateTime.iso8601":
            return .dateTime(String(try textUntilEnd(type).trimmingSpaces))
        case "base64":
            // XAPI does not use base64; keep the text rather than decode what nothing reads.
            return .string(String(try textUntilEnd(type).trimmingSpaces))
        case "nil", "ex:nil":
            try expectEnd(type)
            return .null
        case "array":
            try expectStart("data")
            var items: [XapiValue] = []
            while let element = try nextElementOrEnd("data") {
                guard element == "value" else { throw ParseError("unexpected <\(element)> in <data>", at: parser.position) }
                items.append(try value())
            }
            try expectEnd("array")
            return .array(items)
        case "struct":
            var members: [String: XapiValue] = [:]
            while let element = try nextElementOrEnd("struct") {
                guard element == "member" else { throw ParseError("unexpected <\(element)> in <struct>", at: parser.position) }
                var name: String?
                var memberValue: XapiValue?
                while let part = try nextElementOrEnd("member") {
                    switch part {
                    case "name": name = try textUntilEnd("name")
                    case "value": memberValue = try value()
                    default: throw ParseError("unexpected <\(part)> in <member>", at: parser.position)
                    }
                }
                guard let name, let memberValue else { throw ParseError("<member> without name or value", at: parser.position) }
                members[name] = memberValue
            }
            return .map(members)
        default:
            throw ParseError("unknown XML-RPC type <\(type)>", at: parser.position)
        }
    }
}

private extension XMLEvent {
    var shown: String {
        switch self {
        case .start(let name): return "<\(name)>"
        case .end(let name): return "</\(name)>"
        case .text(let text): return "text \"\(text.prefix(40))\""
        }
    }
}

extension String {
    func trimmingCharacters() -> String { String(trimmingSpaces) }
}
