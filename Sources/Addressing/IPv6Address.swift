/// An IPv6 address as two 64-bit halves (`high` holds the first four groups).
public struct IPv6Address: Hashable, Comparable, Sendable {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The eight 16-bit groups, most significant first.
    public init(groups: [UInt16]) {
        precondition(groups.count == 8, "an IPv6 address has eight groups")
        var high: UInt64 = 0
        var low: UInt64 = 0
        for group in groups[0..<4] { high = high << 16 | UInt64(group) }
        for group in groups[4..<8] { low = low << 16 | UInt64(group) }
        self.init(high: high, low: low)
    }

    /// RFC 4291 section 2.2 text: eight groups of 1-4 hex digits (any case),
    /// "::" at most once for one or more zero groups, and optionally a dotted
    /// IPv4 tail for the last 32 bits ("::ffff:1.2.3.4"). A zone ("%eth0") is
    /// refused: it names an interface, not part of the address.
    public init?(_ string: String) {
        guard let groups = IPv6Text.parse(Array(string.utf8)) else { return nil }
        self.init(groups: groups)
    }

    /// Like `init?(_:)` but says why the text was refused.
    public init(parsing text: String) throws {
        guard let address = IPv6Address(text) else {
            throw AddressingError.notAnAddress(text, expected: "an IPv6 address")
        }
        self = address
    }

    /// The eight 16-bit groups, most significant first.
    /// The sixteen octets, most significant first (network order).
    public var octets: [UInt8] {
        [56, 48, 40, 32, 24, 16, 8, 0].map { UInt8(truncatingIfNeeded: high >> $0) }
            + [56, 48, 40, 32, 24, 16, 8, 0].map { UInt8(truncatingIfNeeded: low >> $0) }
    }

    public var groups: [UInt16] {
        [48, 32, 16, 0].map { UInt16(truncatingIfNeeded: high >> $0) }
            + [48, 32, 16, 0].map { UInt16(truncatingIfNeeded: low >> $0) }
    }

    /// The IPv4 address inside an IPv4-mapped address (::ffff:a.b.c.d), else nil.
    public var ipv4Mapped: IPv4Address? {
        guard high == 0, low >> 32 == 0xffff else { return nil }
        return IPv4Address(UInt32(truncatingIfNeeded: low))
    }

    /// The next address, or nil after ffff:...:ffff.
    public func successor() -> IPv6Address? {
        let bits = Bits128(self)
        return bits == .allOnes ? nil : IPv6Address(bits.adding1())
    }

    /// The previous address, or nil before ::.
    public func predecessor() -> IPv6Address? {
        let bits = Bits128(self)
        return bits == .zero ? nil : IPv6Address(bits.subtracting1())
    }

    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}

extension IPv6Address: CustomStringConvertible, LosslessStringConvertible {
    /// RFC 5952 canonical text: lowercase, no leading zeros, the longest run
    /// of two or more zero groups shown as "::" (the first such run on a tie),
    /// and IPv4-mapped addresses in mixed notation ("::ffff:172.16.0.34", RFC 5952 section 5).
    public var description: String {
        if let mapped = ipv4Mapped {
            return "::ffff:\(mapped)"
        }
        let groups = self.groups
        var bestStart = -1
        var bestLength = 1      // a single zero group is never compressed
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < 8 && groups[index] == 0 { index += 1 }
            if index - start > bestLength {
                bestStart = start
                bestLength = index - start
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else {
            return hex.joined(separator: ":")
        }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}

extension IPv6Address: TextCodable {}
