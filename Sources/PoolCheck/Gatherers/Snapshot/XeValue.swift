/// Why an xe value could not be read as the type its field has.
struct XeValueError: Error, Sendable {
    var reason: String
}

/// One value as xe printed it after `name ( RO): `. Converted only when a field needs it.
struct XeValue: Sendable {
    /// xe's marker for a reference to nothing (`default-SR ( RW): <not in database>`).
    static let notInDatabase = "<not in database>"

    let text: String

    /// Free text; `<not in database>` is unset.
    var string: String? { text == Self.notInDatabase ? nil : text }

    /// A reference to another object: a uuid, or unset (`<not in database>` or empty).
    func reference() throws(XeValueError) -> String? {
        if text.isEmpty || text == Self.notInDatabase { return nil }
        guard Self.isUUID(text) else { throw XeValueError(reason: "\"\(text)\" is not a uuid") }
        return text
    }

    func bool() throws(XeValueError) -> Bool? {
        switch text {
        case "true": return true
        case "false": return false
        case Self.notInDatabase: return nil
        default: throw XeValueError(reason: "\"\(text)\" is not true or false")
        }
    }

    func int() throws(XeValueError) -> Int? {
        if text == Self.notInDatabase { return nil }
        guard let number = Int(text) else { throw XeValueError(reason: "\"\(text)\" is not a whole number") }
        return number
    }

    /// A set, printed `a; b; c`.
    func set() -> [String]? {
        if text == Self.notInDatabase { return nil }
        return Self.items(text)
    }

    /// A set of references: every item must be a uuid.
    func references() throws(XeValueError) -> [String]? {
        guard let items = set() else { return nil }
        for item in items where !Self.isUUID(item) {
            throw XeValueError(reason: "\"\(item)\" is not a uuid")
        }
        return items
    }

    /// A map, printed `key: value; key2: value2`.
    func map() throws(XeValueError) -> [String: String]? {
        if text == Self.notInDatabase { return nil }
        var result: [String: String] = [:]
        for item in Self.items(text) {
            guard let colon = Self.keySeparator(in: item) ?? (item.hasSuffix(":") ? item.index(before: item.endIndex)..<item.endIndex : nil) else {
                throw XeValueError(reason: "map entry \"\(item)\" has no `key: value` form")
            }
            result[String(item[..<colon.lowerBound])] = String(item[colon.upperBound...])
        }
        return result
    }

    private static func items(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        return text.splitting(on: ";").map { $0.trimmingBlanks }.filter { !$0.isEmpty }
    }

    /// The first `: ` in an item (as `firstRange(of: ": ")`), byte by byte when it is ASCII.
    private static func keySeparator(in item: String) -> Range<String.Index>? {
        guard item.isPlainASCII else { return item.firstRange(of: ": ") }
        let bytes = item.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let next = bytes.index(after: index)
            if bytes[index] == UInt8(ascii: ":"), next < bytes.endIndex, bytes[next] == 32 {
                return index..<bytes.index(after: next)
            }
            index = next
        }
        return nil
    }

    /// 8-4-4-4-12 hexadecimal digits, as XAPI prints every uuid.
    static func isUUID(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            guard bytes.count == 36 else { return false }
            for offset in 0..<36 {
                let byte = bytes[offset]
                if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    if byte != UInt8(ascii: "-") { return false }
                } else {
                    switch byte {
                    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                         UInt8(ascii: "A")...UInt8(ascii: "F"): break
                    default: return false
                    }
                }
            }
            return true
        }
    }
}

extension StringProtocol {
    /// Every byte below 0x80, so each byte is one character.
    var isPlainASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// `split(separator:)` (empty pieces omitted) on one ASCII character: byte by byte
    /// when the text is ASCII, where bytes and characters are the same.
    func splitting(on separator: Character, omittingEmptySubsequences: Bool = true) -> [SubSequence] {
        guard isPlainASCII, let byte = separator.asciiValue else {
            return split(separator: separator, omittingEmptySubsequences: omittingEmptySubsequences)
        }
        var pieces: [SubSequence] = []
        let bytes = utf8
        var start = bytes.startIndex, index = start
        while index < bytes.endIndex {
            if bytes[index] == byte {
                if !omittingEmptySubsequences || start < index { pieces.append(self[start..<index]) }
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        if !omittingEmptySubsequences || start < bytes.endIndex { pieces.append(self[start..<bytes.endIndex]) }
        return pieces
    }
}

extension Substring {
    var trimmingBlanks: String {
        if isPlainASCII {
            let bytes = utf8
            var lower = bytes.startIndex, upper = bytes.endIndex
            while lower < upper, bytes[lower] == 32 || bytes[lower] == 9 { lower = bytes.index(after: lower) }
            while upper > lower, bytes[bytes.index(before: upper)] == 32 || bytes[bytes.index(before: upper)] == 9 {
                upper = bytes.index(before: upper)
            }
            return String(self[lower..<upper])
        }
        var slice = self[...]
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
