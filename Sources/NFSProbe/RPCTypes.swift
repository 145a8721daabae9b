/// Transport of an RPC registration or call.
public enum RPCTransport: String, Sendable, Codable, Hashable, CustomStringConvertible {
    case tcp, udp

    /// IP protocol number, as portmap and ctirpc use it.
    public var protocolNumber: Int32 { self == .tcp ? 6 : 17 }

    init?(protocolNumber: UInt32) {
        switch protocolNumber {
        case 6: self = .tcp
        case 17: self = .udp
        default: return nil
        }
    }

    public var description: String { rawValue }
}

/// Well-known ONC RPC program numbers.
public enum RPCProgram {
    public static let portmapper: UInt32 = 100_000
    public static let nfs: UInt32 = 100_003
    public static let mountd: UInt32 = 100_005

    /// The name `rpcinfo -p` prints, where known.
    public static func name(of program: UInt32) -> String? {
        switch program {
        case 100_000: return "portmapper"
        case 100_003: return "nfs"
        case 100_005: return "mountd"
        case 100_011: return "rquotad"
        case 100_021: return "nlockmgr"
        case 100_024: return "status"
        case 100_227: return "nfs_acl"
        default: return nil
        }
    }
}

/// One line of `rpcinfo -p`. Encodes as {"program","version","protocol","port"}.
public struct RPCRegistration: Sendable, Codable, Hashable {
    public var program: UInt32
    public var version: UInt32
    public var `protocol`: RPCTransport
    public var port: UInt16

    public init(program: UInt32, version: UInt32, protocol: RPCTransport, port: UInt16) {
        self.program = program
        self.version = version
        self.protocol = `protocol`
        self.port = port
    }
}

/// One line of `showmount -e`: an exported path and its client groups as the
/// server sent them.
public struct NFSExport: Sendable, Codable, Hashable {
    public var path: String
    public var groups: [String]

    public init(path: String, groups: [String]) {
        self.path = path
        self.groups = groups
    }
}

/// The answer to mountd EXPORT, with how it was obtained.
public struct ExportListing: Sendable, Hashable {
    public var server: String
    public var exports: [NFSExport]
    /// MOUNT protocol version that answered (3, or 1 after falling back).
    public var mountVersion: UInt32
    public var transport: RPCTransport
    public var port: UInt16
    /// rpcbind version that gave the port: 4, 3, or 2 (portmap); nil when the port was given.
    public var rpcbindVersion: UInt32?
}
