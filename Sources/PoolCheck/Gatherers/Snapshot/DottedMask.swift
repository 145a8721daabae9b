/// Netmask text <-> prefix length, for the OS readers: ifconfig prints dotted masks,
/// `ip addr` prints prefixes. (Small on purpose; subnet math lives in `Addressing`.)
enum DottedMask {
    /// `255.255.255.240` -> 28; nil for text that is not a contiguous IPv4 mask.
    static func prefixLength(_ mask: String) -> Int? {
        let parts = mask.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0 >= "0" && $0 <= "9" }),
                  let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        let ones = (~value).leadingZeroBitCount
        guard value == (ones == 0 ? 0 : UInt32.max << (32 - ones)) else { return nil }
        return ones
    }

    /// 28 -> `255.255.255.240`.
    static func dotted(prefixLength: Int) -> String? {
        guard (0...32).contains(prefixLength) else { return nil }
        let value: UInt32 = prefixLength == 0 ? 0 : UInt32.max << (32 - prefixLength)
        return [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }
}
