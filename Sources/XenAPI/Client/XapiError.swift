/// Every way a XAPI conversation can fail, each rendered as one line naming the server
/// and, where there is one, the fix. Never carries a password.
public enum XapiError: Error, Equatable, CustomStringConvertible {
    /// The read-only allow-list refused the call before anything was sent.
    case forbiddenMethod(String)
    case badEndpoint(String, String)
    /// The server answered `Status: Failure`.
    case apiFailure(server: String, method: String, code: String, params: [String])
    case authenticationFailed(server: String, user: String)
    case unknownHost(server: String)
    case connectionRefused(server: String)
    /// No complete answer within the deadline; `phase` says how far it got.
    case timeout(server: String, seconds: Double, phase: String)
    /// The connection closed before a complete reply (dropped, or cut mid-way).
    case connectionClosed(server: String, detail: String)
    case httpStatus(server: String, status: Int, snippet: String)
    case responseTooLarge(server: String, limit: Int)
    case malformedReply(server: String, method: String, detail: String)
    case tlsFailure(server: String, detail: String)
    case pinMismatch(server: String, expected: String, actual: String)
    case tooManyRedirects(server: String)
    case configuration(String)
    case transport(server: String, detail: String)

    public var description: String {
        switch self {
        case .forbiddenMethod(let method):
            return "refused to call \(method): poolcheck only sends login, logout and get_* calls (read-only)"
        case .badEndpoint(let text, let why):
            return "bad XAPI address \"\(text)\": \(why)"
        case .apiFailure(let server, let method, let code, let params):
            let detail = params.isEmpty ? "" : " (\(params.joined(separator: ", ")))"
            return "\(server): \(method) failed: \(code)\(detail)"
        case .authenticationFailed(let server, let user):
            return "\(server): login as \(user) refused (SESSION_AUTHENTICATION_FAILED): check the user and the password"
        case .unknownHost(let server):
            return "\(server): host name does not resolve: check the address"
        case .connectionRefused(let server):
            return "\(server): connection refused: is XAPI listening on that port?"
        case .timeout(let server, let seconds, let phase):
            return "\(server): no answer within \(Self.seconds(seconds)) s (\(phase))"
        case .connectionClosed(let server, let detail):
            return "\(server): connection closed \(detail)"
        case .httpStatus(let server, let status, let snippet):
            return "\(server): HTTP \(status) instead of a XAPI reply\(snippet.isEmpty ? "" : ": \(snippet)")"
        case .responseTooLarge(let server, let limit):
            return "\(server): reply larger than the \(limit >> 20) MiB limit; refused"
        case .malformedReply(let server, let method, let detail):
            return "\(server): unreadable reply to \(method): \(detail)"
        case .tlsFailure(let server, let detail):
            return "\(server): TLS failed: \(detail) (use --ca-file, --pin-sha256, or --insecure to skip verification)"
        case .pinMismatch(let server, let expected, let actual):
            return "\(server): certificate SHA-256 \(actual) does not match the pinned \(expected): refusing to talk to it"
        case .tooManyRedirects(let server):
            return "\(server): HOST_IS_SLAVE redirects loop; give the pool master's address"
        case .configuration(let message):
            return message
        case .transport(let server, let detail):
            return "\(server): \(detail)"
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
