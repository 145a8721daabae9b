/// A prefix as written: keeps the address as given, host bits and all, as in
/// exports(5) "172.16.0.40/28" or an interface's "172.16.0.35/28". Two subnets
/// are equal only when written alike; compare `canonical` for the network.
public struct Subnet: Hashable, Sendable {
    /// The address as written (host bits may be set).
    public let address: IPAddress
    /// 0...32 for IPv4, 0...128 for IPv6.
    public let prefixLength: Int

    public init(address: IPAddress, prefixLength: Int) throws {
        guard (0...address.family.bitWidth).contains(prefixLength) else {
            throw AddressingError.invalidPrefixLength(
                "/\(prefixLength) is not a valid \(address.family) prefix length")
        }
        self.address = address
        self.prefixLength = prefixLength
    }

    /// An IPv4 address with a dotted (or ifconfig hex) netmask, e.g. from
    /// `xe pif-reconfigure-ip ... netmask=255.255.255.240`.
    public init(address: IPAddress, netmask: String) throws {
        guard address.family == .v4 else {
            throw AddressingError.familyMismatch(
                "netmask \(sanitized(netmask)) is IPv4 but address \(address) is IPv6")
        }
        self.address = address
        self.prefixLength = try Netmask.prefixLength(dotted: netmask)
    }

    /// "a.b.c.d/nn", "a.b.c.d/255.255.255.240" (or a hex mask), "a.b.c.d" (= /32),
    /// "fe80::/64", "2001:db8::1" (= /128). No surrounding whitespace: trim first.
    public init(parsing text: String) throws {
        guard let slash = text.firstIndex(of: "/") else {
            let address = try IPAddress(parsing: text)
            self.init(unchecked: address, prefixLength: address.family.bitWidth)
            return
        }
        let addressText = String(text[..<slash])
        let lengthText = String(text[text.index(after: slash)...])
        guard let address = IPAddress(addressText) else {
            throw AddressingError.invalidAddress(
                "\(quoted(text)) is not a subnet: \(quoted(addressText)) is not an IPv4 or IPv6 address")
        }
        if Self.looksLikeNetmask(lengthText) {
            try self.init(address: address, netmask: lengthText)
        } else {
            guard let length = Self.decimalPrefixLength(lengthText) else {
                throw AddressingError.invalidPrefixLength(
                    "/\(sanitized(lengthText)) is not a valid \(address.family) prefix length")
            }
            try self.init(address: address, prefixLength: length)
        }
    }

    /// For values already known to be in range.
    init(unchecked address: IPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }

    public var family: AddressFamily {
        address.family
    }

    /// A dotted quad or hex mask rather than a decimal length.
    private static func looksLikeNetmask(_ text: String) -> Bool {
        text.contains(".") || text.hasPrefix("0x") || text.hasPrefix("0X") || text.utf8.count == 8
    }

    /// 1-3 decimal digits, no sign and no leading zero ("0" itself is fine).
    private static func decimalPrefixLength(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard (1...3).contains(bytes.count),
              bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              bytes.count == 1 || bytes[0] != UInt8(ascii: "0") else {
            return nil
        }
        return Int(text)
    }
}

extension Subnet: CustomStringConvertible, LosslessStringConvertible {
    /// The address as written and the prefix length: "172.16.0.40/28".
    public var description: String {
        "\(address)/\(prefixLength)"
    }

    public init?(_ description: String) {
        guard let subnet = try? Subnet(parsing: description) else { return nil }
        self = subnet
    }
}

extension Subnet: TextCodable {}
