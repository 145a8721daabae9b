/// An IPv4 address as its 32-bit value (172.16.0.1 is 0xAC10_0001).
public struct IPv4Address: Hashable, Comparable, Sendable {
    public let value: UInt32

    public init(_ value: UInt32) {
        self.value = value
    }

    /// Strict dotted quad: four decimal octets 0-255 with no sign, no empty
    /// part, no whitespace and no leading zeros ("010.0.0.1" is octal to
    /// inet_aton but decimal to other parsers, so it is refused, not guessed).
    public init?(_ string: String) {
        guard let value = DottedQuad.parse(Array(string.utf8)[...]) else { return nil }
        self.value = value
    }

    /// Like `init?(_:)` but says why the text was refused.
    public init(parsing text: String) throws {
        guard let address = IPv4Address(text) else {
            throw AddressingError.notAnAddress(text, expected: "an IPv4 address")
        }
        self = address
    }

    /// The four octets, most significant first.
    public var octets: [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }

    /// The next address, or nil after 255.255.255.255.
    public func successor() -> IPv4Address? {
        value == .max ? nil : IPv4Address(value + 1)
    }

    /// The previous address, or nil before 0.0.0.0.
    public func predecessor() -> IPv4Address? {
        value == 0 ? nil : IPv4Address(value - 1)
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool {
        lhs.value < rhs.value
    }
}

extension IPv4Address: CustomStringConvertible, LosslessStringConvertible {
    public var description: String {
        octets.map(String.init).joined(separator: ".")
    }
}

extension IPv4Address: TextCodable {}

/// The strict dotted-quad grammar, shared with the IPv6 embedded-IPv4 tail.
enum DottedQuad {
    static func parse(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        // "0.0.0.0" to "255.255.255.255": refuse other lengths before looking closer.
        guard bytes.count >= 7, bytes.count <= 15 else { return nil }
        var result: UInt32 = 0
        var dots = 0
        var octet: UInt32 = 0
        var digits = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 1 && octet == 0 { return nil }   // leading zero: "01", "00"
                digits += 1
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                if octet > 255 { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, dots < 3 else { return nil }
                result = result << 8 | octet
                dots += 1
                octet = 0
                digits = 0
            default:
                return nil
            }
        }
        guard digits > 0, dots == 3 else { return nil }
        return result << 8 | octet
    }
}
