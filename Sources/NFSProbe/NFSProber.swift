/// Asks an NFS server's rpcbind, mountd and nfsd, over libtirpc, each call
/// within `options.timeout`: `BlockingNFSProber`'s calls, run on `executor`'s
/// threads so many servers can be asked at once without blocking Swift's
/// cooperative pool. The server is a numeric IPv4 or IPv6 address (see
/// `HostResolver` for names).
public struct NFSProber: Sendable {
    public var options: NFSProbeOptions
    public var executor: BlockingExecutor

    public init(options: NFSProbeOptions = NFSProbeOptions(), executor: BlockingExecutor = .shared) {
        self.options = options
        self.executor = executor
    }

    private var blocking: BlockingNFSProber { BlockingNFSProber(options: options) }

    private func run<T: Sendable>(_ call: @escaping @Sendable (BlockingNFSProber) throws(NFSProbeError) -> T)
        async throws(NFSProbeError) -> T {
        let blocking = self.blocking
        return try await executor.run { Result { () throws(NFSProbeError) in try call(blocking) } }.get()
    }

    /// mountd EXPORT: port from rpcbind, MOUNT v3 then v1, TCP then UDP.
    public func exports(server: String) async throws(NFSProbeError) -> ExportListing {
        try await run { prober throws(NFSProbeError) in try prober.exports(server: server) }
    }

    /// mountd EXPORT at a known port and version, without asking rpcbind.
    public func exports(server: String, port: UInt16, mountVersion: UInt32,
                        transport: RPCTransport) async throws(NFSProbeError) -> ExportListing {
        try await run { prober throws(NFSProbeError) in
            try prober.exports(server: server, port: port, mountVersion: mountVersion, transport: transport)
        }
    }

    /// rpcbind's registration list (what `rpcinfo -p` shows).
    public func registrations(server: String) async throws(NFSProbeError) -> [RPCRegistration] {
        try await run { prober throws(NFSProbeError) in try prober.registrations(server: server) }
    }

    /// Registrations and export list in two connections, within one deadline.
    public func listing(server: String) async throws(NFSProbeError) -> ServerListing {
        try await run { prober throws(NFSProbeError) in try prober.listing(server: server) }
    }

    /// The port rpcbind gives for (program, version, transport): GETADDR v4,
    /// then v3, then portmap GETPORT.
    public func port(server: String, program: UInt32, version: UInt32,
                     transport: RPCTransport) async throws(NFSProbeError) -> UInt16 {
        try await run { prober throws(NFSProbeError) in
            try prober.port(server: server, program: program, version: version, transport: transport)
        }
    }

    /// Calls procedure 0 (NULL) of program/version. With `port` nil the port
    /// comes from rpcbind.
    public func ping(server: String, program: UInt32, version: UInt32, transport: RPCTransport = .tcp,
                     port: UInt16? = nil) async throws(NFSProbeError) {
        try await run { prober throws(NFSProbeError) in
            try prober.ping(server: server, program: program, version: version, transport: transport, port: port)
        }
    }

    /// NULL to nfsd v3 and v4 over TCP: does NFS itself answer (not only
    /// mountd)? v4 needs no rpcbind, so it falls back to port 2049.
    public func pingNFS(server: String) async -> [UInt32: Result<Void, NFSProbeError>] {
        var outcome: [UInt32: Result<Void, NFSProbeError>] = [:]
        for version: UInt32 in [3, 4] {
            do {
                try await ping(server: server, program: RPCProgram.nfs, version: version)
                outcome[version] = .success(())
            } catch let error {
                if version == 4, case .programNotRegistered = error {
                    do {
                        try await ping(server: server, program: RPCProgram.nfs, version: 4, port: 2049)
                        outcome[version] = .success(())
                    } catch let direct {
                        outcome[version] = .failure(direct)
                    }
                } else {
                    outcome[version] = .failure(error)
                }
            }
        }
        return outcome
    }
}
