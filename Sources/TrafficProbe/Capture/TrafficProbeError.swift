/// Everything that can go wrong reading a capture file or capturing live.
/// Each case prints as one line naming the file or interface and the fix.
public enum TrafficProbeError: Error, Sendable, Hashable {
    case fileNotFound(path: String)
    case fileUnreadable(path: String, reason: String)
    case emptyFile(path: String)
    case notACaptureFile(path: String, detail: String)
    /// The file ends in the middle of a header or packet record.
    case truncatedFile(path: String, packetsRead: Int, detail: String)
    case unsupportedLinkType(source: String, linkType: Int32, name: String)
    case invalidFilter(expression: String, detail: String)
    case readFailed(source: String, detail: String)
    /// No CAP_NET_RAW (or not root).
    case permissionDenied(interface: String, detail: String)
    case noSuchInterface(interface: String)
    case interfaceDown(interface: String)
    case captureFailed(interface: String, detail: String)

    /// Stable machine-readable kind, for facts and reports.
    public var kind: String {
        switch self {
        case .fileNotFound: return "file_not_found"
        case .fileUnreadable: return "file_unreadable"
        case .emptyFile: return "empty_file"
        case .notACaptureFile: return "not_a_capture_file"
        case .truncatedFile: return "truncated_file"
        case .unsupportedLinkType: return "unsupported_link_type"
        case .invalidFilter: return "invalid_filter"
        case .readFailed: return "read_failed"
        case .permissionDenied: return "permission_denied"
        case .noSuchInterface: return "no_such_interface"
        case .interfaceDown: return "interface_down"
        case .captureFailed: return "capture_failed"
        }
    }
}

extension TrafficProbeError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such capture file"
        case .fileUnreadable(let path, let reason):
            return "\(path): cannot read capture file (\(reason))"
        case .emptyFile(let path):
            return "\(path): empty file, not a capture (was the capture stopped before it wrote anything?)"
        case .notACaptureFile(let path, let detail):
            return "\(path): not a pcap or pcapng file (\(detail))"
        case .truncatedFile(let path, let packetsRead, let detail):
            return "\(path): truncated capture file after \(packetsRead) packets (\(detail)); "
                + "copy it again or stop the capture cleanly before reading it"
        case .unsupportedLinkType(let source, let linkType, let name):
            let supported = LinkType.supported.map(\.name).joined(separator: ", ")
            return "\(source): link type \(name) (\(linkType)) is not supported; "
                + "capture on an Ethernet interface or with `tcpdump -i any` (supported: \(supported))"
        case .invalidFilter(let expression, let detail):
            return "invalid capture filter '\(expression)': \(detail)"
        case .readFailed(let source, let detail):
            return "\(source): read failed: \(detail)"
        case .permissionDenied(let interface, _):
            return "\(interface): permission denied capturing packets; run as root or grant cap_net_raw "
                + "(setcap cap_net_raw+eip on the binary)"
        case .noSuchInterface(let interface):
            return "\(interface): no such interface on this host"
        case .interfaceDown(let interface):
            return "\(interface): interface is down; bring it up (ip link set \(interface) up) and capture again"
        case .captureFailed(let interface, let detail):
            return "\(interface): capture failed: \(detail)"
        }
    }
}
