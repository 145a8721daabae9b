/// Limits every parser in this module enforces on what a server sends.
public struct ParserLimits: Sendable, Equatable {
    /// Largest document accepted, in bytes.
    public var maxBytes: Int
    /// Deepest element (or JSON array/object) nesting accepted.
    public var maxDepth: Int

    public init(maxBytes: Int = 64 << 20, maxDepth: Int = 64) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    public static let `default` = ParserLimits()
}

/// Why a document was refused; `offset` is the byte where the parser stopped.
public struct ParseError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) (at byte \(offset))" }
}

/// What the pull parser yields. Attributes are checked for well-formedness and dropped:
/// XML-RPC has none.
enum XMLEvent: Equatable {
    case start(String)
    case end(String)
    case text(String)
}

/// A small pull parser for the XML subset XML-RPC uses, written to refuse rather than
/// interpret anything risky: no DOCTYPE (so no entity declarations, external entities or
/// entity expansion), only the five predefined entities and character references,
/// bounded nesting and bounded size. Foundation's XMLParser is avoided on purpose: on
/// Linux it is libxml2, whose entity and network behaviour cannot be fully pinned down.
struct SafeXMLParser {
    private let bytes: [UInt8]
    private let limits: ParserLimits
    private var index = 0
    private var openElements: [String] = []
    private var pendingEnd: String?
    private var sawRoot = false

    init(_ bytes: [UInt8], limits: ParserLimits = .default) throws {
        guard bytes.count <= limits.maxBytes else {
            throw ParseError("document of \(bytes.count) bytes exceeds the \(limits.maxBytes)-byte limit", at: 0)
        }
        self.bytes = bytes
        self.limits = limits
        // A UTF-8 byte order mark is allowed before the prolog.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    var depth: Int { openElements.count }
    /// Byte offset reached, for error messages.
    var position: Int { index }

    /// The next event, or nil at a well-formed end of document.
    mutating func next() throws -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            openElements.removeLast()
            return .end(name)
        }
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if let event = try markup() { return event }
                continue
            }
            let start = index
            let text = try characterData()
            if openElements.isEmpty {
                guard text.allSatisfy(\.isWhitespace) else {
                    throw ParseError("text outside the root element", at: start)
                }
                continue
            }
            return .text(text)
        }
        if let open = openElements.last {
            throw ParseError("document ends inside <\(open)> (reply cut short?)", at: index)
        }
        guard sawRoot else { throw ParseError("document has no root element", at: index) }
        return nil
    }

    // MARK: markup

    private mutating func markup() throws -> XMLEvent? {
        let start = index
        if matches("<?") {
            try skip(past: "?>", what: "processing instruction", from: start)
            return nil
        }
        if matches("<!--") {
            try skip(past: "-->", what: "comment", from: start)
            return nil
        }
        if matches("<![CDATA[") {
            guard !openElements.isEmpty else { throw ParseError("CDATA outside the root element", at: start) }
            index += 9
            let contentStart = index
            guard let end = find("]]>") else { throw ParseError("unterminated CDATA section", at: start) }
            index = end + 3
            return .text(try decodeUTF8(contentStart..<end))
        }
        if matches("<!") {
            // DOCTYPE, ENTITY, ELEMENT...: the door to entity expansion and external fetches.
            throw ParseError("DOCTYPE and entity declarations are refused", at: start)
        }
        if matches("</") {
            index += 2
            let name = try self.name()
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else {
                throw ParseError("malformed end tag </\(name)", at: start)
            }
            index += 1
            guard let open = openElements.last else { throw ParseError("unexpected </\(name)>", at: start) }
            guard open == name else { throw ParseError("</\(name)> closes <\(open)>", at: start) }
            openElements.removeLast()
            return .end(name)
        }
        index += 1
        let name = try self.name()
        if openElements.isEmpty && sawRoot { throw ParseError("second root element <\(name)>", at: start) }
        try attributes(of: name, from: start)
        let selfClosing = bytes[index] == UInt8(ascii: "/")
        index += selfClosing ? 2 : 1
        guard openElements.count < limits.maxDepth else {
            throw ParseError("nesting deeper than \(limits.maxDepth) elements", at: start)
        }
        openElements.append(name)
        sawRoot = true
        if selfClosing { pendingEnd = name }
        return .start(name)
    }

    /// Skips attributes up to and including the tag's `>` or `/` of `/>`, leaving index on it.
    private mutating func attributes(of element: String, from start: Int) throws {
        while true {
            let hadSpace = skipSpaces()
            guard index < bytes.count else { throw ParseError("unterminated tag <\(element)", at: start) }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return }
            if byte == UInt8(ascii: "/") {
                guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else {
                    throw ParseError("malformed tag <\(element)", at: start)
                }
                return
            }
            guard hadSpace else { throw ParseError("malformed tag <\(element)", at: start) }
            _ = try name()
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else {
                throw ParseError("attribute without value in <\(element)>", at: index)
            }
            index += 1
            skipSpaces()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw ParseError("unquoted attribute in <\(element)>", at: index)
            }
            let quote = bytes[index]
            index += 1
            let valueStart = index
            while index < bytes.count && bytes[index] != quote {
                if bytes[index] == UInt8(ascii: "<") { throw ParseError("'<' in attribute value", at: index) }
                index += 1
            }
            guard index < bytes.count else { throw ParseError("unterminated attribute value", at: valueStart) }
            _ = try decodeReferences(valueStart..<index)
            index += 1
        }
    }

    private mutating func name() throws -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let isNameByte = byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            guard isNameByte else { break }
            index += 1
            if index - start > 256 { throw ParseError("element name longer than 256 bytes", at: start) }
        }
        guard index > start else { throw ParseError("expected a name", at: start) }
        return try decodeUTF8(start..<index)
    }

    // MARK: text

    private mutating func characterData() throws -> String {
        let start = index
        while index < bytes.count && bytes[index] != UInt8(ascii: "<") { index += 1 }
        return try decodeReferences(start..<index)
    }

    /// Text with `&...;` references replaced; any entity but the five predefined ones is refused.
    private func decodeReferences(_ range: Range<Int>) throws -> String {
        guard bytes[range].contains(UInt8(ascii: "&")) else { return try decodeUTF8(range) }
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                position += 1
                continue
            }
            guard let semicolon = bytes[position..<min(range.upperBound, position + 12)]
                .firstIndex(of: UInt8(ascii: ";"))
            else { throw ParseError("bare '&' or overlong reference", at: position) }
            let reference = String(decoding: bytes[(position + 1)..<semicolon], as: UTF8.self)
            switch reference {
            case "lt": output.append(UInt8(ascii: "<"))
            case "gt": output.append(UInt8(ascii: ">"))
            case "amp": output.append(UInt8(ascii: "&"))
            case "quot": output.append(UInt8(ascii: "\""))
            case "apos": output.append(UInt8(ascii: "'"))
            default:
                guard reference.hasPrefix("#") else {
                    throw ParseError("entity &\(reference); refused (only the five predefined ones are allowed)",
                                     at: position)
                }
                let digits = reference.dropFirst()
                let code = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                guard let code, let scalar = Unicode.Scalar(code), code != 0 else {
                    throw ParseError("bad character reference &\(reference);", at: position)
                }
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            position = semicolon + 1
        }
        guard let text = String(validating: output, as: UTF8.self) else {
            throw ParseError("text is not valid UTF-8", at: range.lowerBound)
        }
        return text
    }

    private func decodeUTF8(_ range: Range<Int>) throws -> String {
        guard let text = String(validating: bytes[range], as: UTF8.self) else {
            throw ParseError("text is not valid UTF-8", at: range.lowerBound)
        }
        return text
    }

    // MARK: scanning

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { literalBytes in
            for offset in 0..<count where bytes[index + offset] != literalBytes[offset] { return false }
            return true
        }
    }

    private func find(_ literal: StaticString) -> Int? {
        let count = literal.utf8CodeUnitCount
        return literal.withUTF8Buffer { literalBytes -> Int? in
            var position = index
            while position + count <= bytes.count {
                var same = true
                for offset in 0..<count where bytes[position + offset] != literalBytes[offset] {
                    same = false
                    break
                }
                if same { return position }
                position += 1
            }
            return nil
        }
    }

    private mutating func skip(past literal: StaticString, what: String, from start: Int) throws {
        guard let end = find(literal) else { throw ParseError("unterminated \(what)", at: start) }
        index = end + literal.utf8CodeUnitCount
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = index
        while index < bytes.count,
              bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
        return index > start
    }
}
