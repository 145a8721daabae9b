import CTirpc

/// Why a server could not be asked. Each case names the server; `description`
/// is one line a person can act on.
public enum NFSProbeError: Error, Sendable, Equatable, CustomStringConvertible {
    case refused(server: String, detail: String)
    case unreachable(server: String, detail: String)
    case timedOut(server: String, detail: String)
    case programNotRegistered(server: String, detail: String)
    case versionMismatch(server: String, detail: String, offered: ClosedRange<UInt32>?)
    case malformedReply(server: String, detail: String)
    case replyTooLarge(server: String, detail: String)
    case invalidAddress(server: String, detail: String)
    case nameNotResolved(server: String, detail: String)
    case failed(server: String, detail: String)

    public var server: String {
        switch self {
        case .refused(let s, _), .unreachable(let s, _), .timedOut(let s, _),
             .programNotRegistered(let s, _), .versionMismatch(let s, _, _),
             .malformedReply(let s, _), .replyTooLarge(let s, _),
             .invalidAddress(let s, _), .nameNotResolved(let s, _), .failed(let s, _):
            return s
        }
    }

    public var detail: String {
        switch self {
        case .refused(_, let d), .unreachable(_, let d), .timedOut(_, let d),
             .programNotRegistered(_, let d), .versionMismatch(_, let d, _),
             .malformedReply(_, let d), .replyTooLarge(_, let d),
             .invalidAddress(_, let d), .nameNotResolved(_, let d), .failed(_, let d):
            return d
        }
    }

    /// A stable short name (also used in JSON evidence).
    public var kind: String {
        switch self {
        case .refused: return "refused"
        case .unreachable: return "unreachable"
        case .timedOut: return "timed out"
        case .programNotRegistered: return "program not registered"
        case .versionMismatch: return "version mismatch"
        case .malformedReply: return "malformed reply"
        case .replyTooLarge: return "reply too large"
        case .invalidAddress: return "invalid address"
        case .nameNotResolved: return "name not resolved"
        case .failed: return "RPC failed"
        }
    }

    public var description: String {
        let hint: String
        switch self {
        case .refused: hint = "is the service running?"
        case .unreachable: hint = "check the route to it"
        case .timedOut: hint = "a firewall may drop the traffic, or the server is hung"
        case .programNotRegistered: hint = "start the service or check rpcinfo -p on the server"
        case .versionMismatch: hint = "enable a supported protocol version on the server"
        case .malformedReply, .replyTooLarge: hint = "this is not a well-behaved NFS server"
        case .invalidAddress: hint = "give the server's IP address or host name"
        case .nameNotResolved: hint = "check the name, or give the server's IP address"
        case .failed: hint = ""
        }
        let body = detail.isEmpty ? kind : "\(kind) — \(detail)"
        return hint.isEmpty ? "NFS server \(server): \(body)" : "NFS server \(server): \(body); \(hint)"
    }

    /// Maps a C error record to a case.
    init(server: String, error: ctirpc_error) {
        let detail = withUnsafeBytes(of: error.detail) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        let step = withUnsafeBytes(of: error.step) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        let text = step.isEmpty ? detail : "\(step): \(detail)"
        switch error.status {
        case CTIRPC_REFUSED: self = .refused(server: server, detail: text)
        case CTIRPC_UNREACHABLE: self = .unreachable(server: server, detail: text)
        case CTIRPC_TIMED_OUT: self = .timedOut(server: server, detail: text)
        case CTIRPC_PROGRAM_NOT_REGISTERED: self = .programNotRegistered(server: server, detail: text)
        case CTIRPC_VERSION_MISMATCH:
            let range: ClosedRange<UInt32>? = error.high_version >= error.low_version && error.high_version > 0
                ? error.low_version...error.high_version : nil
            self = .versionMismatch(server: server, detail: text, offered: range)
        case CTIRPC_MALFORMED_REPLY: self = .malformedReply(server: server, detail: text)
        case CTIRPC_REPLY_TOO_LARGE: self = .replyTooLarge(server: server, detail: text)
        case CTIRPC_BAD_ADDRESS: self = .invalidAddress(server: server, detail: text)
        default: self = .failed(server: server, detail: text)
        }
    }
}
