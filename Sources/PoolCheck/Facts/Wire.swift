import NFSProbe

/// An NFS server asked directly over RPC.
public struct NFSServerFacts: Codable, Sendable, Equatable {
    public var server: String
    /// The address the question was asked from (a host's storage IP), when chosen.
    public var askedFrom: String?
    /// "knfsd" lists every export; "ganesha" lists only what the asker may mount.
    public var dialect: String?
    public var exports: [Export]?
    public var services: [RPCService]?
    /// NULL call results for NFS v3 and v4 over TCP ("3": true).
    public var nfsNullReplies: [String: Bool]?

    public init(server: String, askedFrom: String? = nil, dialect: String? = nil, exports: [Export]? = nil,
                services: [RPCService]? = nil, nfsNullReplies: [String: Bool]? = nil) {
        self.server = server
        self.askedFrom = askedFrom
        self.dialect = dialect
        self.exports = exports
        self.services = services
        self.nfsNullReplies = nfsNullReplies
    }
}

/// One rpcbind registration (what `rpcinfo -p` lists).
public typealias RPCService = RPCRegistration

/// An interface that could not be captured on (missing, down, no permission).
public struct CaptureProblem: Codable, Sendable, Equatable {
    public var host: String?
    public var interface: String
    /// permission_denied, no_such_interface, interface_down, ... (TrafficProbe's CaptureFailure kinds).
    public var kind: String
    public var message: String

    public init(host: String?, interface: String, kind: String, message: String) {
        self.host = host
        self.interface = interface
        self.kind = kind
        self.message = message
    }
}
