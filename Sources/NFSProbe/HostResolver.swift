import Addressing

/// What a name service said.
public enum ResolverAnswer<Value: Sendable & Hashable>: Sendable, Hashable {
    case found(Value)
    /// The service answered: no such name, address or netgroup.
    case notFound
    /// No answer (timeout, service unavailable): nothing can be concluded.
    case failed(String)
}

/// Name lookups the matcher needs. Inject a fake in tests; `SystemResolver`
/// asks the system (NSS: /etc/hosts, DNS, NIS/files netgroups).
public protocol HostResolver: Sendable {
    /// Forward lookup: every address of a host name.
    func addresses(of name: String) async -> ResolverAnswer<[IPAddress]>
    /// Reverse lookup: the host name(s) of an address.
    func names(of address: IPAddress) async -> ResolverAnswer<[String]>
    /// Host members of a netgroup.
    func netgroupHosts(_ netgroup: String) async -> ResolverAnswer<[String]>
}

/// A fixed table, for tests and for evidence gathered elsewhere.
public struct StaticResolver: HostResolver {
    public var hosts: [String: [IPAddress]]
    public var netgroups: [String: [String]]
    /// Names whose lookups fail (as if the name service timed out).
    public var failing: Set<String>

    public init(hosts: [String: [IPAddress]] = [:], netgroups: [String: [String]] = [:], failing: Set<String> = []) {
        self.hosts = Dictionary(hosts.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: +)
        self.netgroups = netgroups
        self.failing = failing
    }

    public func addresses(of name: String) async -> ResolverAnswer<[IPAddress]> {
        if failing.contains(name) { return .failed("lookup of \(name) timed out") }
        guard let found = hosts[name.lowercased()] else { return .notFound }
        return .found(found)
    }

    public func names(of address: IPAddress) async -> ResolverAnswer<[String]> {
        if failing.contains(address.description) { return .failed("reverse lookup of \(address) timed out") }
        let names = hosts.filter { $0.value.contains(address) }.map(\.key).sorted()
        return names.isEmpty ? .notFound : .found(names)
    }

    public func netgroupHosts(_ netgroup: String) async -> ResolverAnswer<[String]> {
        if failing.contains("@" + netgroup) { return .failed("netgroup \(netgroup) lookup timed out") }
        guard let members = netgroups[netgroup] else { return .notFound }
        return .found(members)
    }
}

/// Remembers answers for one run, so 200 clients cost one lookup per name.
public actor CachingResolver: HostResolver {
    private let base: any HostResolver
    private var forward: [String: ResolverAnswer<[IPAddress]>] = [:]
    private var reverse: [IPAddress: ResolverAnswer<[String]>] = [:]
    private var groups: [String: ResolverAnswer<[String]>] = [:]

    public init(_ base: any HostResolver) { self.base = base }

    public func addresses(of name: String) async -> ResolverAnswer<[IPAddress]> {
        if let known = forward[name] { return known }
        let answer = await base.addresses(of: name)
        forward[name] = answer
        return answer
    }

    public func names(of address: IPAddress) async -> ResolverAnswer<[String]> {
        if let known = reverse[address] { return known }
        let answer = await base.names(of: address)
        reverse[address] = answer
        return answer
    }

    public func netgroupHosts(_ netgroup: String) async -> ResolverAnswer<[String]> {
        if let known = groups[netgroup] { return known }
        let answer = await base.netgroupHosts(netgroup)
        groups[netgroup] = answer
        return answer
    }
}
