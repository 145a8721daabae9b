import TextFormats

/// Where a XAPI server listens: `HOST[:PORT]` (https on 443) or an explicit URL.
/// Plain HTTP is used only when the URL says `http://`.
public struct XapiEndpoint: Sendable, Hashable, CustomStringConvertible {
    public enum Scheme: String, Sendable { case https, http }

    public var scheme: Scheme
    /// A DNS name or an IP address (IPv6 without brackets).
    public var host: String
    public var port: Int

    public init(scheme: Scheme = .https, host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port ?? (scheme == .https ? 443 : 80)
    }

    /// Parses `xs-1`, `xs-1:4430`, `[fd00::1]:443`, `https://xs-1/`, `http://127.0.0.1:8080`.
    public init(parsing given: String) throws {
        // Errors quote the address; a password typed into it must not be echoed.
        let text = SecretRedactor.redact(given)
        var rest = Substring(given.trimmingSpaces)
        let schemeEnd = rest.firstRange(of: "://")
        // Before any other check: a password may hold '/' or ':', and must not be echoed.
        if let at = rest.lastIndex(of: "@") {
            let typedScheme = schemeEnd.map { String(rest[..<$0.upperBound]) } ?? ""
            throw XapiError.badEndpoint(typedScheme + SecretRedactor.placeholder + rest[at...],
                                        "credentials do not belong in the URL; give --user NAME and the password with --password-file or $POOLCHECK_PASSWORD")
        }
        var scheme = Scheme.https
        if let range = schemeEnd {
            guard let parsed = Scheme(rawValue: rest[..<range.lowerBound].lowercased()) else {
                throw XapiError.badEndpoint(text, "only https:// and http:// URLs are supported")
            }
            scheme = parsed
            rest = rest[range.upperBound...]
        }
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...].allSatisfy({ $0 == "/" }) else {
                throw XapiError.badEndpoint(text, "a XAPI URL has no path (XML-RPC is at /, JSON-RPC at /jsonrpc)")
            }
            rest = rest[..<slash]
        }
        let (host, port) = try Self.splitHostPort(rest, original: text)
        guard !host.isEmpty else { throw XapiError.badEndpoint(text, "no host name") }
        self.init(scheme: scheme, host: host, port: port)
    }

    static func splitHostPort(_ text: Substring, original: String) throws -> (String, Int?) {
        var hostPart = text
        var portPart: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw XapiError.badEndpoint(original, "unclosed [") }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty {
                throw XapiError.badEndpoint(original, "unexpected text after ]")
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard let portPart else { return (String(hostPart), nil) }
        guard let port = Int(portPart), (1...65535).contains(port) else {
            throw XapiError.badEndpoint(original, "port must be 1-65535")
        }
        return (String(hostPart), port)
    }

    /// The endpoint a `HOST_IS_SLAVE` error points at: same scheme and port, the master's
    /// address (which may carry its own port, as the simulator's do).
    public func redirected(to masterAddress: String) throws -> XapiEndpoint {
        let (host, port) = try Self.splitHostPort(Substring(masterAddress.trimmingSpaces), original: masterAddress)
        guard !host.isEmpty else { throw XapiError.badEndpoint(masterAddress, "empty master address") }
        return XapiEndpoint(scheme: scheme, host: host, port: port ?? self.port)
    }

    var hostIsIPAddress: Bool {
        host.contains(":") || (host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." })
    }

    public var url: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let defaultPort = scheme == .https ? 443 : 80
        return "\(scheme.rawValue)://\(shownHost)\(port == defaultPort ? "" : ":\(port)")/"
    }

    public var description: String { url }
}
