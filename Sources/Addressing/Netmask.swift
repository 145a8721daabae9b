/// IPv4 netmasks as tools print them, and their prefix lengths.
public enum Netmask {
    /// The prefix length of an IPv4 netmask: "255.255.255.240" -> 28.
    ///
    /// Also takes the hex form BSD ifconfig prints ("0xfffffff0") and the bare
    /// eight hex digits of Solaris ifconfig ("fffffff0").
    /// Throws `nonContiguousNetmask` for a mask whose ones do not all come
    /// first, `invalidAddress` for text that is not a mask at all.
    public static func prefixLength(dotted text: String) throws -> Int {
        guard let value = maskValue(text) else {
            throw AddressingError.invalidAddress(
                "\(quoted(text)) is not a netmask (expected dotted like 255.255.255.240 or hex like 0xfffffff0)")
        }
        guard isContiguous(value) else {
            let shown = IPv4Address(text) == nil ? "\(sanitized(text)) (\(IPv4Address(value)))" : text
            throw AddressingError.nonContiguousNetmask("netmask \(shown) is not contiguous (ones must come first)")
        }
        return value.nonzeroBitCount
    }

    /// The dotted form of an IPv4 prefix length: 28 -> "255.255.255.240".
    public static func dotted(prefixLength: Int) throws -> String {
        guard (0...32).contains(prefixLength) else {
            throw AddressingError.invalidPrefixLength("/\(prefixLength) is not a valid IPv4 prefix length")
        }
        return IPv4Address(value(prefixLength: prefixLength)).description
    }

    /// The 32-bit mask with the top `prefixLength` bits set (0...32).
    static func value(prefixLength: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: Bits128.lowBits(32).low & ~Bits128.lowBits(32 - prefixLength).low)
    }

    /// Ones first, then zeros: the complement plus one is a power of two (or zero).
    static func isContiguous(_ mask: UInt32) -> Bool {
        let inverse = ~mask
        return inverse & (inverse &+ 1) == 0
    }

    private static func maskValue(_ text: String) -> UInt32? {
        if let address = IPv4Address(text) {
            return address.value
        }
        var hex = Substring(text)
        if hex.hasPrefix("0x") || hex.hasPrefix("0X") {
            hex = hex.dropFirst(2)
        }
        // Exactly eight digits, as the tools print it; no sign, no spaces.
        guard hex.utf8.count == 8, hex.utf8.allSatisfy(isHexDigit) else { return nil }
        return UInt32(hex, radix: 16)
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "a")...UInt8(ascii: "f"),
             UInt8(ascii: "A")...UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }
}
