import CPcapShim

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a pcap or pcapng file through libpcap, optionally through a BPF filter.
///
/// Not Sendable: one reader belongs to one thread. Packet bytes are only
/// lent to the body of `forEachPacket` and must not escape it.
public final class PcapFileReader {
    public let path: String
    public let linkType: LinkType
    /// Packets handed out so far (after the filter).
    public private(set) var packetsRead = 0
    /// Packets read from the file so far, before the filter: 0 after reading a
    /// whole file means it holds no packet at all, not just none that matched.
    public var packetsInFile: Int { Int(pcs_packets_seen(handle)) }
    private let handle: OpaquePointer

    /// Opens `path`. Unless `acceptAnyLinkType`, a file whose link type the
    /// frame decoder does not know is refused here, with one clear error.
    public init(path: String, acceptAnyLinkType: Bool = false) throws(TrafficProbeError) {
        try Self.checkFile(path)
        var errorBuffer = [CChar](repeating: 0, count: Int(PCS_ERRBUF_SIZE))
        guard let opened = pcs_open_file(path, &errorBuffer) else {
            throw Self.openError(path: path, message: String(errorBuffer: errorBuffer))
        }
        let linkType = LinkType(rawValue: pcs_link_type(opened))
        if !acceptAnyLinkType && !linkType.isSupported {
            pcs_close(opened)
            throw TrafficProbeError.unsupportedLinkType(
                source: path, linkType: linkType.rawValue, name: Self.linkTypeName(linkType))
        }
        self.path = path
        self.linkType = linkType
        self.handle = opened
    }

    deinit { pcs_close(handle) }

    /// Installs a BPF filter (tcpdump syntax); only matching packets are read.
    public func setFilter(_ expression: String) throws(TrafficProbeError) {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCS_ERRBUF_SIZE))
        guard pcs_set_filter(handle, expression, &errorBuffer) == 0 else {
            throw TrafficProbeError.invalidFilter(
                expression: expression, detail: String(errorBuffer: errorBuffer))
        }
    }

    /// Calls `body` for every packet until the end of the file. `bytes` holds
    /// exactly the captured bytes and is valid only during the call.
    public func forEachPacket(
        _ body: (PacketInfo, UnsafeRawBufferPointer) -> Void
    ) throws(TrafficProbeError) {
        var packet = pcs_packet()
        while true {
            switch pcs_next(handle, &packet) {
            case PCS_NEXT_PACKET:
                packetsRead += 1
                let info = PacketInfo(
                    timestamp: PacketTimestamp(seconds: packet.seconds, nanoseconds: packet.nanoseconds),
                    capturedLength: Int(packet.captured_length), wireLength: Int(packet.wire_length))
                body(info, UnsafeRawBufferPointer(start: packet.bytes, count: info.capturedLength))
            case PCS_NEXT_END, PCS_NEXT_NONE_YET:
                return
            default:
                throw Self.readError(path: path, packetsRead: packetsRead,
                                     message: String(cString: pcs_last_error(handle)))
            }
        }
    }

    /// libpcap's name for a link type, e.g. "IEEE802_11".
    static func linkTypeName(_ linkType: LinkType) -> String {
        guard let name = pcs_link_type_name(linkType.rawValue) else { return linkType.name }
        return String(cString: name)
    }

    // MARK: Errors

    private static func checkFile(_ path: String) throws(TrafficProbeError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            if errno == ENOENT { throw TrafficProbeError.fileNotFound(path: path) }
            throw TrafficProbeError.fileUnreadable(path: path, reason: reason)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw TrafficProbeError.fileUnreadable(path: path, reason: "not a regular file")
        }
        guard access(path, R_OK) == 0 else {
            throw TrafficProbeError.fileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        if info.st_size == 0 { throw TrafficProbeError.emptyFile(path: path) }
    }

    private static func openError(path: String, message: String) -> TrafficProbeError {
        if message.contains("truncated") {
            return .truncatedFile(path: path, packetsRead: 0, detail: message)
        }
        if message.contains("ermission denied") {
            return .fileUnreadable(path: path, reason: message)
        }
        return .notACaptureFile(path: path, detail: message)
    }

    private static func readError(path: String, packetsRead: Int, message: String) -> TrafficProbeError {
        if message.contains("truncated") {
            return .truncatedFile(path: path, packetsRead: packetsRead, detail: message)
        }
        return .readFailed(source: path, detail: "after \(packetsRead) packets: \(message)")
    }
}
