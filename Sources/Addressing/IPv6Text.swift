/// The RFC 4291 section 2.2 text grammar, on bytes.
enum IPv6Text {
    private static let colon = UInt8(ascii: ":")
    private static let dot = UInt8(ascii: ".")

    /// The eight groups, or nil if the text is not an IPv6 address.
    static func parse(_ bytes: [UInt8]) -> [UInt16]? {
        // The longest form is 45 characters ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255").
        guard bytes.count >= 2, bytes.count <= 45 else { return nil }

        let compression = findDoubleColon(bytes)
        switch compression {
        case .invalid:
            return nil
        case .none:
            guard let groups = parseGroups(bytes[...], ipv4TailAllowed: true), groups.count == 8 else {
                return nil
            }
            return groups
        case .at(let index):
            let headBytes = bytes[..<index]
            let tailBytes = bytes[(index + 2)...]
            // An IPv4 tail must end the address, so never before "::" ("1.2.3.4::").
            guard let head = parseGroups(headBytes, ipv4TailAllowed: false),
                  let tail = parseGroups(tailBytes, ipv4TailAllowed: true),
                  head.count + tail.count <= 7 else {
                return nil
            }
            let zeros = [UInt16](repeating: 0, count: 8 - head.count - tail.count)
            return head + zeros + tail
        }
    }

    private enum Compression {
        case none
        case at(Int)
        case invalid
    }

    /// Where "::" is; more than one (or ":::") is invalid.
    private static func findDoubleColon(_ bytes: [UInt8]) -> Compression {
        var found: Int?
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == colon && bytes[index + 1] == colon {
                if found != nil { return .invalid }
                found = index
            }
            index += 1
        }
        return found.map { .at($0) } ?? .none
    }

    /// Colon-separated groups of 1-4 hex digits; an empty slice is zero groups.
    /// The last part may be a dotted quad (two groups) when allowed.
    private static func parseGroups(_ bytes: ArraySlice<UInt8>, ipv4TailAllowed: Bool) -> [UInt16]? {
        guard !bytes.isEmpty else { return [] }
        var groups: [UInt16] = []
        let parts = bytes.split(separator: colon, omittingEmptySubsequences: false)
        for (position, part) in parts.enumerated() {
            let isLast = position == parts.count - 1
            if isLast && ipv4TailAllowed && part.contains(dot) {
                guard let value = DottedQuad.parse(part) else { return nil }
                groups.append(UInt16(truncatingIfNeeded: value >> 16))
                groups.append(UInt16(truncatingIfNeeded: value))
            } else {
                guard let group = parseHexGroup(part) else { return nil }
                groups.append(group)
            }
            if groups.count > 8 { return nil }
        }
        return groups
    }

    private static func parseHexGroup(_ bytes: ArraySlice<UInt8>) -> UInt16? {
        guard (1...4).contains(bytes.count) else { return nil }
        var value: UInt16 = 0
        for byte in bytes {
            guard let digit = hexDigit(byte) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
