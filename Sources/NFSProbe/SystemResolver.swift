import Addressing
#if canImport(Glibc)
import Glibc
#endif

/// Asks the system's name services (getaddrinfo, getnameinfo, netgroups),
/// each lookup within `timeout`. The blocking calls run on a
/// `BlockingExecutor`; a lookup that overruns is reported as failed (its
/// thread finishes on its own when the C library gives up).
public struct SystemResolver: HostResolver {
    public var timeout: Duration
    /// When set, no lookup runs past it: one that would is cut short, and after it every
    /// lookup fails at once. Bounds a run of many lookups (200 clients' reverse names
    /// against a dead DNS server would otherwise take 200 timeouts).
    public var deadline: ContinuousClock.Instant?
    public var executor: BlockingExecutor

    public init(timeout: Duration = .seconds(2), deadline: ContinuousClock.Instant? = nil,
                executor: BlockingExecutor = .shared) {
        self.timeout = timeout
        self.deadline = deadline
        self.executor = executor
    }

    public func addresses(of name: String) async -> ResolverAnswer<[IPAddress]> {
        await bounded("lookup of \(name)") {
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            let rc = getaddrinfo(name, nil, &hints, &result)
            defer { if let result { freeaddrinfo(result) } }
            // -5 is glibc's EAI_NODATA (a name without addresses), not exported to Swift.
            if rc == EAI_NONAME || rc == -5 { return .notFound }
            guard rc == 0 else { return .failed("lookup of \(name): \(String(cString: gai_strerror(rc)))") }
            var found: [IPAddress] = []
            var cursor = result
            while let entry = cursor {
                if let address = numericHost(entry.pointee.ai_addr, entry.pointee.ai_addrlen).flatMap(IPAddress.init),
                   !found.contains(address) {
                    found.append(address)
                }
                cursor = entry.pointee.ai_next
            }
            return found.isEmpty ? .notFound : .found(found)
        }
    }

    public func names(of address: IPAddress) async -> ResolverAnswer<[String]> {
        let text = address.description
        return await bounded("reverse lookup of \(text)") {
            var hints = addrinfo()
            hints.ai_flags = AI_NUMERICHOST
            var result: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(text, nil, &hints, &result) == 0, let entry = result else {
                return .failed("\(text) is not numeric")
            }
            defer { freeaddrinfo(result) }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let rc = getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &host, socklen_t(host.count),
                                 nil, 0, NI_NAMEREQD)
            if rc == EAI_NONAME { return .notFound }
            guard rc == 0 else { return .failed("reverse lookup of \(text): \(String(cString: gai_strerror(rc)))") }
            return .found([cStringArray(host)])
        }
    }

    public func netgroupHosts(_ netgroup: String) async -> ResolverAnswer<[String]> {
        await bounded("netgroup \(netgroup)") {
            NetgroupLock.shared.withLock {
                // setnetgrent returns 0 when no service knows the netgroup.
                guard setnetgrent(netgroup) != 0 else { return .notFound }
                defer { endnetgrent() }
                var members: [String] = []
                var host: UnsafeMutablePointer<CChar>?
                var user: UnsafeMutablePointer<CChar>?
                var domain: UnsafeMutablePointer<CChar>?
                while getnetgrent(&host, &user, &domain) != 0 {
                    if let host { members.append(String(cString: host)) }
                    if members.count > 10_000 { break }
                }
                return .found(members)
            }
        }
    }

    private func bounded<T: Sendable & Hashable>(_ what: String,
                                                 _ body: @escaping @Sendable () -> ResolverAnswer<T>) async
        -> ResolverAnswer<T> {
        let executor = self.executor
        var limit = self.timeout
        if let deadline {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { return .failed("\(what) not tried: the lookup deadline has passed") }
            limit = min(limit, left)
        }
        let timeout = limit
        // Not a task group: a group would wait for an overrunning lookup.
        return await withCheckedContinuation { continuation in
            let once = ResumeOnce(continuation)
            let timer = Task {
                try? await Task.sleep(for: timeout)
                once.resume(.failed("\(what) took longer than \(timeout)"))
            }
            Task {
                once.resume(await executor.run(body))
                timer.cancel()
            }
        }
    }
}

/// Resumes a continuation with the first value offered; ignores the rest.
final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    private let lock = ConditionLock()
    private var continuation: CheckedContinuation<T, Never>?

    init(_ continuation: CheckedContinuation<T, Never>) { self.continuation = continuation }

    func resume(_ value: T) {
        lock.lock()
        let pending = continuation
        continuation = nil
        lock.unlock()
        pending?.resume(returning: value)
    }
}

private func numericHost(_ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) -> String? {
    guard let address else { return nil }
    var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
    guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { return nil }
    return cStringArray(host)
}

private func cStringArray(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// glibc's netgroup iteration keeps global state.
private enum NetgroupLock {
    static let shared = ConditionLock()
}
