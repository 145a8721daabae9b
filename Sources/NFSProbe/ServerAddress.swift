import Addressing

extension NFSProber {
    /// The numeric address to ask for `server`: `server` itself when it is an IP address;
    /// for a host name, its first address from the system's resolver (of the source
    /// address's family when one is set), within `options.timeout`.
    public func address(of server: String) async throws(NFSProbeError) -> String {
        if IPAddress(server) != nil { return server }
        let resolver = SystemResolver(timeout: options.timeout, executor: executor)
        switch await resolver.addresses(of: server) {
        case .found(let addresses):
            let family = options.sourceAddress.flatMap(IPAddress.init)?.family
            guard let chosen = addresses.first(where: { family == nil || $0.family == family }) else {
                throw .nameNotResolved(server: server, detail: "no address of the source address's family")
            }
            return chosen.description
        case .notFound:
            throw .nameNotResolved(server: server, detail: "no address for this name")
        case .failed(let why):
            throw .nameNotResolved(server: server, detail: why)
        }
    }
}

extension NFSProbeError {
    /// The same error, naming the server as `label` (e.g. "nfs1 (172.16.0.34)" when a
    /// host name was asked through its address).
    public func naming(_ label: String) -> NFSProbeError {
        switch self {
        case .refused(_, let d): return .refused(server: label, detail: d)
        case .unreachable(_, let d): return .unreachable(server: label, detail: d)
        case .timedOut(_, let d): return .timedOut(server: label, detail: d)
        case .programNotRegistered(_, let d): return .programNotRegistered(server: label, detail: d)
        case .versionMismatch(_, let d, let offered): return .versionMismatch(server: label, detail: d, offered: offered)
        case .malformedReply(_, let d): return .malformedReply(server: label, detail: d)
        case .replyTooLarge(_, let d): return .replyTooLarge(server: label, detail: d)
        case .invalidAddress(_, let d): return .invalidAddress(server: label, detail: d)
        case .nameNotResolved(_, let d): return .nameNotResolved(server: label, detail: d)
        case .failed(_, let d): return .failed(server: label, detail: d)
        }
    }
}
