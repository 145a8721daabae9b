import CTirpc

/// The libtirpc calls behind `NFSProber`, made on the calling thread, each within
/// `options.timeout`. For a short-lived process that asks one server and has nothing
/// else to do (`poolcheck exports`); everything else uses `NFSProber`, which runs these
/// on a bounded pool of threads. The server is a numeric IPv4 or IPv6 address.
public struct BlockingNFSProber: Sendable {
    public var options: NFSProbeOptions

    public init(options: NFSProbeOptions = NFSProbeOptions()) {
        self.options = options
    }

    /// mountd EXPORT: port from rpcbind, MOUNT v3 then v1, TCP then UDP.
    public func exports(server: String) throws(NFSProbeError) -> ExportListing {
        try withCOptions(options) { copts throws(NFSProbeError) in
            var list = ctirpc_export_list()
            defer { ctirpc_export_list_free(&list) }
            try check(server) { ctirpc_mount_export(server, copts, &list, &$0) }
            return ExportListing(server: server, list: list)
        }
    }

    /// mountd EXPORT at a known port and version, without asking rpcbind.
    public func exports(server: String, port: UInt16, mountVersion: UInt32,
                        transport: RPCTransport) throws(NFSProbeError) -> ExportListing {
        try withCOptions(options) { copts throws(NFSProbeError) in
            var list = ctirpc_export_list()
            defer { ctirpc_export_list_free(&list) }
            try check(server) {
                ctirpc_mount_export_at(server, port, mountVersion, transport.protocolNumber, copts, &list, &$0)
            }
            return ExportListing(server: server, list: list)
        }
    }

    /// rpcbind's registration list (what `rpcinfo -p` shows).
    public func registrations(server: String) throws(NFSProbeError) -> [RPCRegistration] {
        try withCOptions(options) { copts throws(NFSProbeError) in
            var list = ctirpc_registration_list()
            defer { ctirpc_registration_list_free(&list) }
            try check(server) { ctirpc_rpcbind_dump(server, copts, &list, &$0) }
            return [RPCRegistration](list)
        }
    }

    /// Registrations and export list in two connections, as `showmount -e` makes
    /// (mountd's port comes from the registration list), within one deadline.
    public func listing(server: String) throws(NFSProbeError) -> ServerListing {
        try withCOptions(options) { copts throws(NFSProbeError) in
            var registrations = ctirpc_registration_list()
            var exports = ctirpc_export_list()
            defer {
                ctirpc_registration_list_free(&registrations)
                ctirpc_export_list_free(&exports)
            }
            try check(server) { ctirpc_server_listing(server, copts, &registrations, &exports, &$0) }
            return ServerListing(registrations: [RPCRegistration](registrations),
                                 exports: ExportListing(server: server, list: exports))
        }
    }

    /// The port rpcbind gives for (program, version, transport): GETADDR v4,
    /// then v3, then portmap GETPORT.
    public func port(server: String, program: UInt32, version: UInt32,
                     transport: RPCTransport) throws(NFSProbeError) -> UInt16 {
        try withCOptions(options) { copts throws(NFSProbeError) in
            var port: UInt16 = 0
            var used: UInt32 = 0
            try check(server) {
                ctirpc_rpcbind_getport(server, program, version, transport.protocolNumber, copts, &port, &used, &$0)
            }
            return port
        }
    }

    /// Calls procedure 0 (NULL) of program/version. With `port` nil the port
    /// comes from rpcbind.
    public func ping(server: String, program: UInt32, version: UInt32, transport: RPCTransport = .tcp,
                     port: UInt16? = nil) throws(NFSProbeError) {
        try withCOptions(options) { copts throws(NFSProbeError) in
            try check(server) {
                ctirpc_null_call(server, program, version, transport.protocolNumber, port ?? 0, copts, &$0)
            }
        }
    }
}

/// What `poolcheck exports` shows of a server: its RPC services and its export list.
public struct ServerListing: Sendable, Hashable {
    public var registrations: [RPCRegistration]
    public var exports: ExportListing
}

/// Runs one ctirpc call and turns a failure into `NFSProbeError`.
private func check(_ server: String, _ call: (inout ctirpc_error) -> ctirpc_status) throws(NFSProbeError) {
    var error = ctirpc_error()
    guard call(&error) == CTIRPC_OK else { throw NFSProbeError(server: server, error: error) }
}

private func withCOptions<T>(_ options: NFSProbeOptions,
                             _ body: (UnsafePointer<ctirpc_options>) throws(NFSProbeError) -> T) throws(NFSProbeError) -> T {
    var copts = ctirpc_options()
    copts.timeout_ms = options.timeoutMilliseconds
    copts.max_entries = options.maxEntries
    guard let source = options.sourceAddress else {
        return try body(&copts)
    }
    // withCString rethrows untyped errors: carry the typed one out in a Result.
    return try source.withCString { cSource in
        copts.source_address = cSource
        return Result { () throws(NFSProbeError) in try body(&copts) }
    }.get()
}

extension [RPCRegistration] {
    init(_ list: ctirpc_registration_list) {
        self = UnsafeBufferPointer(start: list.items, count: list.count).compactMap { item in
            guard let transport = RPCTransport(protocolNumber: item.protocol),
                  let port = UInt16(exactly: item.port) else { return nil }
            return RPCRegistration(program: item.program, version: item.version, protocol: transport, port: port)
        }
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
