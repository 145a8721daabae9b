import Addressing

/// One client group of an export (exports(5) "machine name" forms), read in
/// the dialect of the server that sent it.
public enum ClientSpec: Sendable, Hashable {
    /// `*`: every client.
    case everyone
    /// A single host address (also `a.b.c.d/32` and `x::y/128`).
    case address(IPAddress)
    /// A network in prefix or dotted-mask form, as written (host bits kept).
    case network(Subnet)
    /// A host-name pattern with `*`, `?` or `[...]`.
    case wildcard(String)
    /// A host name, matched by resolving it.
    case hostName(String)
    /// `@name` (knfsd), or a bare name ganesha sent for a netgroup.
    case netgroup(String)
    /// A bare word that may be a netgroup (ganesha drops the `@`) or a host.
    case netgroupOrHost(String)
    /// Something no client address can be checked against (e.g. `gss/krb5`).
    case unsupported(String)

    public init(group text: String, dialect: ExportsDialect) {
        let group = text.trimmingSpaces()
        if group == "*" || group == "(everyone)" {
            self = .everyone
        } else if group.hasPrefix("@") {
            self = .netgroup(String(group.dropFirst()))
        } else if group.contains("/") {
            if group.hasPrefix("gss/") || group.hasPrefix("krb5") {
                self = .unsupported(group)
            } else if let subnet = try? Subnet(parsing: group) {
                self = subnet.prefixLength == subnet.family.bitWidth ? .address(subnet.address) : .network(subnet)
            } else {
                self = .unsupported(group)
            }
        } else if let address = IPAddress(group) {
            self = .address(address)
        } else if group.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
            self = .wildcard(group)
        } else if group.isEmpty {
            self = .unsupported(group)
        } else {
            switch dialect {
            case .knfsd: self = .hostName(group)
            case .ganesha, .unknown: self = .netgroupOrHost(group)
            }
        }
    }

    /// True when the spec alone decides (no name resolution needed).
    public var isLiteral: Bool {
        switch self {
        case .everyone, .address, .network, .unsupported: return true
        case .wildcard, .hostName, .netgroup, .netgroupOrHost: return false
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" { s.removeLast() }
        return String(s)
    }
}
