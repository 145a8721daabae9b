/// Two readings of one interface, from different files of one host, taken as one.
///
/// Admins often show one family at a time (`ip addr` in one file, `ip -4 addr` in the
/// next): a reading says nothing about a family it did not show, and nothing about a
/// MAC or MTU it did not print, so only what both showed can disagree.
extension OSInterface {
    /// The two readings as one, or nil when they disagree on something both showed.
    public static func combined(_ first: OSInterface, _ second: OSInterface) -> OSInterface? {
        if first == second { return first }
        func agree<Value: Equatable>(_ a: Value?, _ b: Value?) -> Bool { a == nil || b == nil || a == b }
        guard agree(first.mac?.lowercased(), second.mac?.lowercased()), agree(first.mtu, second.mtu),
              agree(first.up, second.up), agree(first.carrier, second.carrier) else { return nil }
        var merged = OSInterface(name: first.name, mac: first.mac ?? second.mac, mtu: first.mtu ?? second.mtu,
                                 up: first.up ?? second.up)
        merged.carrier = first.carrier ?? second.carrier
        for ipv6 in [false, true] {
            let inFirst = first.shows(ipv6: ipv6), inSecond = second.shows(ipv6: ipv6)
            if inFirst && inSecond && first.addresses(ipv6: ipv6).map(\.address) != second.addresses(ipv6: ipv6).map(\.address) {
                return nil
            }
            merged.append(addressesOf: inFirst ? first : second, ipv6: ipv6)
            if !ipv6 { merged.broadcast = inFirst ? first.broadcast ?? second.broadcast : second.broadcast }
        }
        merged.onlyFamily = first.onlyFamily == second.onlyFamily ? first.onlyFamily : nil
        return merged
    }

    /// Whether this reading showed the addresses of that family at all.
    func shows(ipv6: Bool) -> Bool {
        onlyFamily.map { $0 == (ipv6 ? .v6 : .v4) } ?? true
    }
}
