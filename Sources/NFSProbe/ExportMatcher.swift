import Addressing
#if canImport(Glibc)
import Glibc
#endif

/// Decides, per client address, whether an export's client groups admit it,
/// as the server would (exports(5)): any matching group admits.
public struct ExportMatcher: Sendable {
    public var dialect: ExportsDialect
    public var resolver: any HostResolver

    /// Wrap `resolver` in a `CachingResolver` when matching many clients.
    public init(dialect: ExportsDialect, resolver: any HostResolver = CachingResolver(SystemResolver())) {
        self.dialect = dialect
        self.resolver = resolver
    }

    /// One group's answer for one client.
    enum GroupAnswer: Sendable {
        case match(String)
        case noMatch
        case undecided(String)
    }

    public func verdict(for client: IPAddress, on export: NFSExport) async -> ClientVerdict {
        let who = client.description
        if export.groups.isEmpty {
            return ClientVerdict(address: who, verdict: .admitted, group: "(everyone)",
                                 reason: "\(export.path) has no client list: every client may mount it")
        }
        var undecided: (group: String, why: String)?
        for group in export.groups {
            switch await answer(ClientSpec(group: group, dialect: dialect), group: group, client: client) {
            case .match(let why):
                return ClientVerdict(address: who, verdict: .admitted, group: group,
                                     reason: "\(export.path) admits \(who) through \(group) (\(why))")
            case .noMatch:
                continue
            case .undecided(let why):
                if undecided == nil { undecided = (group, why) }
            }
        }
        if let undecided {
            return ClientVerdict(address: who, verdict: .unknown, group: undecided.group,
                                 reason: "\(export.path): no group admits \(who) for sure; \(undecided.group): \(undecided.why)")
        }
        return ClientVerdict(address: who, verdict: .refused, group: nil,
                             reason: "\(export.path) admits only \(export.groups.joined(separator: ",")); \(who) is in none")
    }

    /// Verdicts of every client on one export, in client order.
    public func verdicts(for clients: [IPAddress], on export: NFSExport) async -> [ClientVerdict] {
        var out: [ClientVerdict] = []
        out.reserveCapacity(clients.count)
        for client in clients { out.append(await verdict(for: client, on: export)) }
        return out
    }

    func answer(_ spec: ClientSpec, group: String, client: IPAddress) async -> GroupAnswer {
        if let literal = Self.literalAnswer(spec, client: client) { return literal }
        switch spec {
        case .hostName(let name):
            return await hostAnswer(name, client: client)
        case .wildcard(let pattern):
            return await wildcardAnswer(pattern, client: client)
        case .netgroup(let name):
            return await netgroupAnswer(name, client: client, orHost: false)
        case .netgroupOrHost(let name):
            return await netgroupAnswer(name, client: client, orHost: true)
        case .everyone, .address, .network, .unsupported:
            return .undecided("unreachable") // decided by literalAnswer
        }
    }

    /// The answer for specs that need no lookup; nil for the others.
    static func literalAnswer(_ spec: ClientSpec, client: IPAddress) -> GroupAnswer? {
        switch spec {
        case .everyone: return .match("every client")
        case .address(let address): return address == client ? .match("same address") : .noMatch
        case .network(let subnet):
            return subnet.contains(client) ? .match("inside \(subnet.canonical)") : .noMatch
        case .unsupported(let text): return .undecided("'\(text)' is not a client form poolcheck can check")
        case .hostName, .wildcard, .netgroup, .netgroupOrHost: return nil
        }
    }

    /// A host name admits the addresses it resolves to (what knfsd compares
    /// after canonicalising the name at export time).
    private func hostAnswer(_ name: String, client: IPAddress) async -> GroupAnswer {
        switch await resolver.addresses(of: name) {
        case .found(let addresses):
            return addresses.contains(client) ? .match("\(name) resolves to \(client)") : .noMatch
        case .notFound:
            return .undecided("\(name) does not resolve here (the server may resolve it differently)")
        case .failed(let why):
            return .undecided(why)
        }
    }

    /// A wildcard admits a client whose reverse name matches the pattern and
    /// resolves back to the client (forward-confirmed).
    private func wildcardAnswer(_ pattern: String, client: IPAddress) async -> GroupAnswer {
        switch await resolver.names(of: client) {
        case .notFound:
            return .noMatch // the server cannot name the client either
        case .failed(let why):
            return .undecided(why)
        case .found(let names):
            var undecided: String?
            for name in names where Self.wildcardMatches(pattern, name) {
                switch await resolver.addresses(of: name) {
                case .found(let addresses) where addresses.contains(client):
                    return .match("\(client) is \(name)")
                case .failed(let why): undecided = why
                default: continue
                }
            }
            return undecided.map { .undecided($0) } ?? .noMatch
        }
    }

    /// A netgroup admits the addresses of its host members. A netgroup that
    /// cannot be read is undecided, never a pass.
    private func netgroupAnswer(_ name: String, client: IPAddress, orHost: Bool) async -> GroupAnswer {
        switch await resolver.netgroupHosts(name) {
        case .found(let members):
            var undecided: String?
            for member in members where !member.isEmpty {
                if let address = IPAddress(member), address == client { return .match("member of netgroup \(name)") }
                switch await resolver.addresses(of: member) {
                case .found(let addresses) where addresses.contains(client):
                    return .match("\(member) in netgroup \(name)")
                case .failed(let why): undecided = why
                default: continue
                }
            }
            return undecided.map { .undecided($0) } ?? .noMatch
        case .notFound:
            if orHost, case .match(let why) = await hostAnswer(name, client: client) { return .match(why) }
            return .undecided("netgroup \(name) is not known here; cannot tell its members")
        case .failed(let why):
            return .undecided(why)
        }
    }

    /// exports(5) wildcards: `*`, `?` and `[...]`, case-insensitive.
    static func wildcardMatches(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern.lowercased(), name.lowercased(), 0) == 0
    }
}
