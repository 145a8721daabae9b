import NFSProbe

/// What one host showed of itself at its own prompt: its OS interfaces, mounts, the NFS
/// export lists it was shown, and its own reading of the pool record. XenAPI records it
/// listed go to the shared database (`Facts.database`), not here.
public struct HostObservation: Codable, Sendable, Equatable {
    /// The host's name as its prompt gives it.
    public var name: String
    /// What `hostname` printed on this host, when it was run.
    public var hostname: String?
    /// Files the observation was read from.
    public var sources: [String]
    /// Commands whose output was read, normalised ("xe pif-list", "ifconfig", ...).
    public var commands: [String]
    /// Of those, the ones read only through a filter (`| grep`, `| head`): what their
    /// output lacks proves nothing.
    public var partialCommands: [String]
    /// The pool record as this host's own xe showed it (`xe pool-list` on this host).
    public var pool: Pool?
    /// PIFs this host listed without naming their host (`xe pif-list host-uuid=$INSTALLATION_UUID`
    /// without the host-uuid column): taken as its own.
    public var localPIFs: [String]
    /// Addresses as the OS shows them (`ifconfig`, `ip addr`); nil when not collected.
    public var interfaces: [OSInterface]?
    /// `mount` output; nil when not collected.
    public var mounts: [Mount]?
    /// `showmount -e SERVER` run on this host.
    public var exportLists: [ExportList]

    public init(name: String, hostname: String? = nil, sources: [String] = [], commands: [String] = [],
                partialCommands: [String] = [], pool: Pool? = nil, localPIFs: [String] = [],
                interfaces: [OSInterface]? = nil, mounts: [Mount]? = nil, exportLists: [ExportList] = []) {
        self.name = name
        self.hostname = hostname
        self.sources = sources
        self.commands = commands
        self.partialCommands = partialCommands
        self.pool = pool
        self.localPIFs = localPIFs
        self.interfaces = interfaces
        self.mounts = mounts
        self.exportLists = exportLists
    }

    /// Whether this host ran a command (normalised name) with unfiltered output.
    public func ranInFull(_ command: String) -> Bool {
        commands.contains(command) && !partialCommands.contains(command)
    }
}

/// An address as the operating system shows it.
public struct OSInterface: Codable, Sendable, Equatable {
    public var name: String
    public var mac: String?
    public var mtu: Int?
    public var up: Bool?
    /// "172.16.0.35/28" style, prefix derived from the printed netmask.
    public var addresses: [String]
    /// The netmask text as printed (kept so a non-contiguous mask stays visible).
    public var netmasks: [String]
    public var broadcast: String?

    public init(name: String, mac: String? = nil, mtu: Int? = nil, up: Bool? = nil,
                addresses: [String] = [], netmasks: [String] = [], broadcast: String? = nil) {
        self.name = name
        self.mac = mac
        self.mtu = mtu
        self.up = up
        self.addresses = addresses
        self.netmasks = netmasks
        self.broadcast = broadcast
    }
}

public struct Mount: Codable, Sendable, Equatable {
    public var device: String
    public var mountPoint: String
    public var type: String
    public var options: [String]

    public init(device: String, mountPoint: String, type: String, options: [String]) {
        self.device = device
        self.mountPoint = mountPoint
        self.type = type
        self.options = options
    }
}

/// An export list as `showmount -e` or mountd's EXPORT call gives it.
public struct ExportList: Codable, Sendable, Equatable {
    public var server: String
    public var exports: [Export]
    /// "showmount" (transcript) or "mountd" (asked over RPC).
    public var via: String

    public init(server: String, exports: [Export], via: String) {
        self.server = server
        self.exports = exports
        self.via = via
    }
}

/// An export and its client specs as the server wrote them ("172.16.0.32/28", "*", "@ng"):
/// the same value whether read from `showmount -e` or from mountd over RPC.
public typealias Export = NFSExport
