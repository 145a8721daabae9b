import CTirpc

/// Asks an NFS server's rpcbind, mountd and nfsd, over libtirpc, each call
/// within `options.timeout`. Blocking work runs on `executor`'s threads.
/// The server is a numeric IPv4 or IPv6 address (see `HostResolver` for names).
public struct NFSProber: Sendable {
    public var options: NFSProbeOptions
    public var executor: BlockingExecutor

    public init(options: NFSProbeOptions = NFSProbeOptions(), executor: BlockingExecutor = .shared) {
        self.options = options
        self.executor = executor
    }

    /// mountd EXPORT: port from rpcbind, MOUNT v3 then v1, TCP then UDP.
    public func exports(server: String) async throws(NFSProbeError) -> ExportListing {
        let options = self.options
        let result = await executor.run { () -> Result<ExportListing, NFSProbeError> in
            withCOptions(options) { copts in
                var list = ctirpc_export_list()
                var error = ctirpc_error()
                let status = ctirpc_mount_export(server, copts, &list, &error)
                defer { ctirpc_export_list_free(&list) }
                guard status == CTIRPC_OK else { return .failure(NFSProbeError(server: server, error: error)) }
                return .success(ExportListing(server: server, list: list))
            }
        }
        return try result.get()
    }

    /// mountd EXPORT at a known port and version, without asking rpcbind.
    public func exports(server: String, port: UInt16, mountVersion: UInt32,
                        transport: RPCTransport) async throws(NFSProbeError) -> ExportListing {
        let options = self.options
        let result = await executor.run { () -> Result<ExportListing, NFSProbeError> in
            withCOptions(options) { copts in
                var list = ctirpc_export_list()
                var error = ctirpc_error()
                let status = ctirpc_mount_export_at(server, port, mountVersion, transport.protocolNumber,
                                                    copts, &list, &error)
                defer { ctirpc_export_list_free(&list) }
                guard status == CTIRPC_OK else { return .failure(NFSProbeError(server: server, error: error)) }
                return .success(ExportListing(server: server, list: list))
            }
        }
        return try result.get()
    }

    /// rpcbind's registration list (what `rpcinfo -p` shows).
    public func registrations(server: String) async throws(NFSProbeError) -> [RPCRegistration] {
        let options = self.options
        let result = await executor.run { () -> Result<[RPCRegistration], NFSProbeError> in
            withCOptions(options) { copts in
                var list = ctirpc_registration_list()
                var error = ctirpc_error()
                let status = ctirpc_rpcbind_dump(server, copts, &list, &error)
                defer { ctirpc_registration_list_free(&list) }
                guard status == CTIRPC_OK else { return .failure(NFSProbeError(server: server, error: error)) }
                let items = UnsafeBufferPointer(start: list.items, count: list.count)
                return .success(items.compactMap { item in
                    guard let transport = RPCTransport(protocolNumber: item.protocol),
                          let port = UInt16(exactly: item.port) else { return nil }
                    return RPCRegistration(program: item.program, version: item.version,
                                           protocol: transport, port: port)
                })
            }
        }
        return try result.get()
    }

    /// The port rpcbind gives for (program, version, transport): GETADDR v4,
    /// then v3, then portmap GETPORT.
    public func port(server: String, program: UInt32, version: UInt32,
                     transport: RPCTransport) async throws(NFSProbeError) -> UInt16 {
        let options = self.options
        let result = await executor.run { () -> Result<UInt16, NFSProbeError> in
            withCOptions(options) { copts in
                var port: UInt16 = 0
                var used: UInt32 = 0
                var error = ctirpc_error()
                let status = ctirpc_rpcbind_getport(server, program, version, transport.protocolNumber,
                                                    copts, &port, &used, &error)
                guard status == CTIRPC_OK else { return .failure(NFSProbeError(server: server, error: error)) }
                return .success(port)
            }
        }
        return try result.get()
    }

    /// Calls procedure 0 (NULL) of program/version. With `port` nil the port
    /// comes from rpcbind.
    public func ping(server: String, program: UInt32, version: UInt32, transport: RPCTransport = .tcp,
                     port: UInt16? = nil) async throws(NFSProbeError) {
        let options = self.options
        let result = await executor.run { () -> Result<Void, NFSProbeError> in
            withCOptions(options) { copts in
                var error = ctirpc_error()
                let status = ctirpc_null_call(server, program, version, transport.protocolNumber, port ?? 0,
                                              copts, &error)
                guard status == CTIRPC_OK else { return .failure(NFSProbeError(server: server, error: error)) }
                return .success(())
            }
        }
        try result.get()
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

private func withCOptions<T>(_ options: NFSProbeOptions, _ body: (UnsafePointer<ctirpc_options>) -> T) -> T {
    var copts = ctirpc_options()
    copts.timeout_ms = options.timeoutMilliseconds
    copts.max_entries = options.maxEntries
    guard let source = options.sourceAddress else {
        return withUnsafePointer(to: &copts) { body($0) }
    }
    return source.withCString { cSource in
        copts.source_address = cSource
        return withUnsafePointer(to: &copts) { body($0) }
    }
}

extension ExportListing {
    init(server: String, list: ctirpc_export_list) {
        let items = UnsafeBufferPointer(start: list.items, count: list.count)
        let exports = items.map { item -> NFSExport in
            let groups = UnsafeBufferPointer(start: item.groups, count: item.group_count)
            return NFSExport(path: item.path.map { String(cString: $0) } ?? "",
                             groups: groups.map { $0.map { String(cString: $0) } ?? "" })
        }
        self.init(server: server, exports: exports, mountVersion: list.mount_version,
                  transport: list.protocol == 17 ? .udp : .tcp, port: list.port,
                  rpcbindVersion: list.rpcbind_version == 0 ? nil : list.rpcbind_version)
    }
}
