import Addressing
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
    /// Up and running: administratively up with a carrier (`state DOWN` / `NO-CARRIER` is down).
    public var up: Bool?
    /// Whether the link has a carrier (`LOWER_UP`, `RUNNING`); false for `NO-CARRIER`; nil when not shown.
    public var carrier: Bool?
    /// "172.16.0.35/28" style, prefix derived from the printed netmask.
    public var addresses: [String]
    /// The netmask text as printed (kept so a non-contiguous mask stays visible).
    public var netmasks: [String]
    /// The netmask printed with each address, by its position in `addresses` (nil where none
    /// was: IPv6, a point-to-point address without one). Facts from earlier versions lack it;
    /// then `netmasks` pairs by position, as it did.
    public var addressNetmasks: [String?]?
    public var broadcast: String?
    /// The one address family this reading showed (`ip -4`, `ip -6`); nil when it showed
    /// both (`ip addr`, `ifconfig`), as in facts from earlier versions.
    public var onlyFamily: AddressFamily?

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

    /// The netmask printed with `addresses[index]`, if any.
    public func netmask(ofAddressAt index: Int) -> String? {
        if let addressNetmasks { return index < addressNetmasks.count ? addressNetmasks[index] : nil }
        return index < netmasks.count ? netmasks[index] : nil
    }

    /// Adds an address with the netmask printed beside it, keeping the two paired.
    public mutating func append(address: String, netmask: String?) {
        var paired = addressNetmasks ?? Array(repeating: nil, count: addresses.count)
        addresses.append(address)
        paired.append(netmask)
        addressNetmasks = paired
        if let netmask { netmasks.append(netmask) }
    }

    /// The addresses of one family (IPv6 when `ipv6`), each with its netmask.
    public func addresses(ipv6: Bool) -> [(address: String, netmask: String?)] {
        addresses.indices.filter { addresses[$0].contains(":") == ipv6 }.map { (addresses[$0], netmask(ofAddressAt: $0)) }
    }

    /// Adds `source`'s addresses of one family, keeping their netmasks paired.
    public mutating func append(addressesOf source: OSInterface, ipv6: Bool) {
        for (address, netmask) in source.addresses(ipv6: ipv6) { append(address: address, netmask: netmask) }
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
    /// Exports shown with their client list.
    public var exports: [Export]
    /// "showmount" (transcript) or "mountd" (asked over RPC).
    public var via: String
    /// Paths listed without any client list (some NAS firmware prints none): exported, to
    /// clients unknown. Kept apart from `exports`, where an empty list would mean everyone.
    public var pathsWithoutClients: [String]?
    /// True when the output went through a filter (`showmount -e X | grep Y`): an export
    /// it does not show may still exist.
    public var partial: Bool?

    public init(server: String, exports: [Export], via: String, pathsWithoutClients: [String]? = nil, partial: Bool? = nil) {
        self.server = server
        self.exports = exports
        self.via = via
        self.pathsWithoutClients = pathsWithoutClients
        self.partial = partial
    }

    /// Whether the list is whole and every export in it shows its clients.
    public var isConclusive: Bool { partial != true && (pathsWithoutClients ?? []).isEmpty }

    /// Whether everything this list shows, `other` shows the same way.
    func isShown(by other: ExportList) -> Bool {
        exports.allSatisfy(other.exports.contains) && (pathsWithoutClients ?? []).allSatisfy { (other.pathsWithoutClients ?? []).contains($0) }
    }
}

/// An export and its client specs as the server wrote them ("172.16.0.32/28", "*", "@ng"):
/// the same value whether read from `showmount -e` or from mountd over RPC.
public typealias Export = NFSExport
