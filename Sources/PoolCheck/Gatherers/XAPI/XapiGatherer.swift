import XenAPI

/// Gathers facts from live XAPI servers (`--xapi`), one login and a fixed set of
/// `get_all_records` calls per server, whatever the number of hosts in the pool.
///
/// Audit: the address given may be the master or any member (a member answers
/// `HOST_IS_SLAVE` and is followed to the master). XAPI keeps one database per pool,
/// on the master, and members do not serve reads of their own: so over XAPI every
/// member's view *is* the master's database, filed under each member's name so that
/// per-member rules run per member. "Every member reports the same default SR" then
/// holds by construction for `pool.default_SR` (it is one field, not a copy per member);
/// what still differs per member, and what the rule must read, is that member's PBD for
/// the SR (`currently_attached`, per host) and the host's `enabled` flag. Only a
/// transcript (`xe` run on each member) can show a member whose local view disagrees.
///
/// Preflight: each candidate host is asked on its own and gets one view, under its own
/// name. A host that is still its own master answers with its one-host pool; a host
/// that is already in a pool redirects to that pool's master, whose database then shows
/// the other hosts (what `host-not-pooled` looks for).
public struct XapiGatherer: Sendable {
    public enum Mode: String, Sendable { case audit, preflight }

    public struct Target: Sendable {
        /// The address as the user gave it, used to name failures.
        public var label: String
        public var endpoint: XapiEndpoint

        public init(label: String, endpoint: XapiEndpoint) {
            self.label = label
            self.endpoint = endpoint
        }

        /// Parses `HOST[:PORT]` or a URL as `--xapi` takes it.
        public init(parsing text: String) throws {
            self.init(label: text, endpoint: try XapiEndpoint(parsing: text))
        }
    }

    public let targets: [Target]
    public let mode: Mode
    public let credentials: XapiCredentials
    public let tls: XapiTLSOptions
    public let clientOptions: XapiClientOptions
    /// Servers asked at the same time.
    public let maxConcurrent: Int
    private let transport: any XapiTransport

    /// Throws `XapiError.configuration` for a bad CA file: that is bad input (exit 2), not a probe failure.
    public init(targets: [Target], mode: Mode, credentials: XapiCredentials, tls: XapiTLSOptions = XapiTLSOptions(),
                clientOptions: XapiClientOptions = XapiClientOptions(), maxConcurrent: Int = 16,
                transport: (any XapiTransport)? = nil) throws {
        self.targets = targets
        self.mode = mode
        self.credentials = credentials
        self.tls = tls
        self.clientOptions = clientOptions
        self.maxConcurrent = max(1, maxConcurrent)
        self.transport = try transport ?? NIOHTTPTransport(tls: tls)
    }

    /// Asks every target; unreachable ones become `ProbeFailure`s and the rest go on.
    public func gather() async -> Facts {
        var facts = Facts()
        await withTaskGroup(of: Facts.self) { group in
            var next = 0
            func startOne() {
                let target = targets[next]
                next += 1
                group.addTask { await gather(target) }
            }
            while next < min(maxConcurrent, targets.count) { startOne() }
            for await one in group {
                facts.merge(one)
                if next < targets.count { startOne() }
            }
        }
        facts.hosts.sort { $0.name < $1.name }
        facts.probeFailures.sort { $0.target < $1.target }
        return facts
    }

    /// One target: login (following HOST_IS_SLAVE), read every class, logout, map.
    public func gather(_ target: Target) async -> Facts {
        let client = XapiClient(endpoint: target.endpoint, credentials: credentials, transport: transport,
                                options: clientOptions)
        do {
            let session = try await client.login()
            let records: XapiRecords
            do {
                records = try await session.allRecords(of: XapiRecords.auditedClasses)
            } catch {
                await session.logout()
                throw error
            }
            await session.logout()
            return facts(from: records, target: target, session: session)
        } catch {
            let message = (error as? XapiError)?.description ?? "\(target.endpoint.url): \(error)"
            // Named by the bare host (no scheme or port), which is how the rule engine
            // matches a failure to a host's name or address; the message keeps the URL.
            return Facts(probeFailures: [ProbeFailure(target: target.endpoint.host, source: .xapi,
                                                      message: credentials.redacting(message))])
        }
    }

    func facts(from records: XapiRecords, target: Target, session: XapiSession) -> Facts {
        let database = XapiRecordMapper.database(from: records)
        var source = "xapi:\(session.endpoint.url)"
        if let first = session.redirectedFrom { source += " (asked \(first.url), which is a pool member)" }
        var warnings: [String] = []
        if !tls.verifiesServer, session.endpoint.scheme == .https {
            source += " (TLS unverified: --insecure)"
            warnings.append("xapi \(session.endpoint.url): TLS certificate not verified (--insecure): these facts could come from an impostor")
        } else if session.endpoint.scheme == .http {
            source += " (plain HTTP)"
            warnings.append("xapi \(session.endpoint.url): plain HTTP, not encrypted or authenticated")
        }
        // One server's database is one pool: every host in it is a member.
        let memberships = database.pool.map { pool in
            [PoolMembership(pool: pool.uuid, hosts: (database.hosts?.records ?? []).map(\.uuid), complete: true)]
        } ?? []
        // In preflight, the host asked is a candidate in its own right (its pool may hold others).
        let asked = mode == .preflight
            ? [HostObservation(name: Self.candidateName(target: target, session: session, database: database), sources: [source])]
            : []
        return Facts(source: EvidenceSource(kind: .xapi, label: source), database: database, memberships: memberships,
                     hosts: asked, warnings: warnings)
    }

    static func viewName(_ host: Host) -> String {
        [host.name_label, host.hostname].compactMap { $0 }.first { !$0.isEmpty } ?? host.uuid
    }

    /// Which host record is the one asked: the master when it answered itself, else the
    /// member whose address, hostname or name matches what was asked.
    static func candidateName(target: Target, session: XapiSession, database: XapiDatabase) -> String {
        let hosts = database.hosts?.records ?? []
        if session.redirectedFrom == nil {
            if let masterUUID = database.pool?.master, let master = database.hosts?[masterUUID] { return viewName(master) }
            if hosts.count == 1 { return viewName(hosts[0]) }
        }
        let asked = target.endpoint.host
        if let match = hosts.first(where: { $0.address == asked || $0.hostname == asked || $0.name_label == asked }) {
            return viewName(match)
        }
        return target.label
    }
}
