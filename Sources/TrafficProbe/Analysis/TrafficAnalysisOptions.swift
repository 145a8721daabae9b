import Addressing
/// The NFS server whose storage traffic the analyses follow.
public struct StorageServer: Sendable, Hashable, Codable {
    public static let nfsPort: UInt16 = 2049
    public static let rpcbindPort: UInt16 = 111

    /// The server's storage address (the one hosts mount from).
    public var address: IPAddress
    /// mountd's port as rpcbind reported it; mountd has no fixed port, so it
    /// is only counted when the caller asked rpcbind for it.
    public var mountdPort: UInt16?

    public init(address: IPAddress, mountdPort: UInt16? = nil) {
        self.address = address
        self.mountdPort = mountdPort
    }

    enum CodingKeys: String, CodingKey {
        case address
        case mountdPort = "mountd_port"
    }

    /// The service a server-side port belongs to, if it is one we follow.
    @inline(__always)
    func service(forPort port: UInt16) -> StorageService? {
        switch port {
        case Self.nfsPort: return .nfs
        case Self.rpcbindPort: return .rpcbind
        case mountdPort: return .mountd
        default: return nil
        }
    }

    /// Server-side ports followed, in service order.
    public var ports: [UInt16] {
        [Self.nfsPort, Self.rpcbindPort] + (mountdPort.map { [$0] } ?? [])
    }
}

/// What to look for in a capture.
public struct TrafficAnalysisOptions: Sendable, Hashable {
    /// Storage isolation, VLAN and MTU analyses need the server; LACP does not.
    public var storageServer: StorageServer?
    /// The MTU the storage interface should have (from the PIF or plan).
    public var mtu: Int?
    /// How many storage packets to keep as named examples.
    public var exampleLimit: Int

    public init(storageServer: StorageServer? = nil, mtu: Int? = nil, exampleLimit: Int = 5) {
        self.storageServer = storageServer
        self.mtu = mtu
        self.exampleLimit = exampleLimit
    }
}

/// BPF prefilters. They only cut what the Swift decoder has to look at: the
/// decoder re-checks every packet, so the filter may over-match, never under-match.
public enum CaptureFilter {
    /// Storage traffic to/from the server on its NFS/rpcbind/mountd ports,
    /// plus slow-protocol (LACP) frames, plus tagged frames:
    /// - on Ethernet, tagged copies in the form `X or (vlan and X)`: libpcap's
    ///   `vlan` shifts the offsets of everything after it, so the untagged test
    ///   must come first;
    /// - on Linux cooked captures (SLL, SLL2) libpcap has no `vlan` keyword, and
    ///   `host` only matches an IP protocol field, so every frame whose protocol
    ///   field is a tag (0x8100, 0x88a8, 0x9100; the tag inline after the header)
    ///   passes, and the decoder finds the storage packets among them.
    public static func expression(for options: TrafficAnalysisOptions, linkType: LinkType) -> String {
        let slowProtocols = "ether proto 0x8809"
        let cookedTags = "ether proto 0x8100 or ether proto 0x88a8 or ether proto 0x9100"
        guard let server = options.storageServer else { return slowProtocols }
        let ports = server.ports.map { "port \($0)" }.joined(separator: " or ")
        let storage = "(host \(server.address) and (tcp or udp) and (\(ports)))"
        switch linkType {
        case .linuxSLL, .linuxSLL2: return "\(storage) or \(slowProtocols) or \(cookedTags)"
        case .ethernet: break
        default: return "\(storage) or \(slowProtocols)"
        }
        return "\(storage) or \(slowProtocols) or (vlan and (\(storage) or (vlan and \(storage))))"
    }
}
