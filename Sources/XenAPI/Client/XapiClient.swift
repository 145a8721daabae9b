/// Which wire format to use. `auto` tries JSON-RPC and falls back to XML-RPC when the
/// host does not offer `/jsonrpc` (XenServer before 7.3).
public enum XapiProtocolChoice: String, Sendable, CaseIterable {
    case auto
    case xmlRPC = "xml-rpc"
    case jsonRPC = "json-rpc"
}

public struct XapiClientOptions: Sendable {
    /// Deadline for each call, from resolving the name to the last byte of the reply.
    public var callTimeout: Duration
    public var protocolChoice: XapiProtocolChoice
    /// How many `HOST_IS_SLAVE` redirects to follow before giving up.
    public var maxRedirects: Int
    public var limits: ParserLimits
    /// Sent as login's `originator` so the pool's audit log names the tool.
    public var originator: String

    public init(callTimeout: Duration = .seconds(10), protocolChoice: XapiProtocolChoice = .auto, maxRedirects: Int = 2,
                limits: ParserLimits = .default, originator: String = "poolcheck") {
        self.callTimeout = callTimeout
        self.protocolChoice = protocolChoice
        self.maxRedirects = maxRedirects
        self.limits = limits
        self.originator = originator
    }
}

/// A read-only XenAPI client for one server. Every call passes the `ReadOnlyPolicy`
/// allow-list before anything is encoded or sent.
public struct XapiClient: Sendable {
    public let endpoint: XapiEndpoint
    public let credentials: XapiCredentials
    public let transport: any XapiTransport
    public let options: XapiClientOptions

    public init(endpoint: XapiEndpoint, credentials: XapiCredentials, transport: any XapiTransport,
                options: XapiClientOptions = XapiClientOptions()) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.transport = transport
        self.options = options
    }

    /// Logs in, following `HOST_IS_SLAVE` to the pool master.
    public func login() async throws -> XapiSession {
        var target = endpoint
        var visited: [XapiEndpoint] = []
        while true {
            visited.append(target)
            do {
                return try await login(at: target, redirectedFrom: visited.count > 1 ? endpoint : nil)
            } catch let XapiError.apiFailure(_, _, code, params) where code == "HOST_IS_SLAVE" {
                guard let master = params.first else {
                    throw XapiError.malformedReply(server: target.url, method: "session.login_with_password",
                                                   detail: "HOST_IS_SLAVE without the master's address")
                }
                let next = try target.redirected(to: master)
                guard visited.count <= options.maxRedirects, !visited.contains(next) else {
                    throw XapiError.tooManyRedirects(server: endpoint.url)
                }
                target = next
            }
        }
    }

    private func login(at target: XapiEndpoint, redirectedFrom: XapiEndpoint?) async throws -> XapiSession {
        let attempts: [XapiProtocol] = switch options.protocolChoice {
        case .auto: [.jsonRPC, .xmlRPC]
        case .jsonRPC: [.jsonRPC]
        case .xmlRPC: [.xmlRPC]
        }
        for (position, wire) in attempts.enumerated() {
            let isLast = position == attempts.count - 1
            let params: [XapiValue] = credentials.withPassword { password in
                [.string(credentials.user), .string(password), "1.0", .string(options.originator)]
            }
            do {
                let value = try await Self.call(method: "session.login_with_password", params: params, at: target,
                                                wire: wire, transport: transport, options: options, credentials: credentials)
                guard let reference = value.stringValue, !reference.isEmpty else {
                    throw XapiError.malformedReply(server: target.url, method: "session.login_with_password",
                                                   detail: "no session reference")
                }
                return XapiSession(endpoint: target, redirectedFrom: redirectedFrom, wire: wire, reference: reference,
                                   client: self)
            } catch let error as XapiError where !isLast && Self.meansProtocolNotOffered(error) {
                continue
            }
        }
        throw XapiError.configuration("unreachable")
    }

    /// A reply that says "no JSON-RPC here" rather than "no XAPI here".
    private static func meansProtocolNotOffered(_ error: XapiError) -> Bool {
        switch error {
        case .httpStatus(_, let status, _): return [404, 405, 500, 501].contains(status)
        case .malformedReply: return true
        default: return false
        }
    }

    /// One XAPI call on the wire: allow-list, encode, post, check HTTP, decode the envelope.
    static func call(method: String, params: [XapiValue], at target: XapiEndpoint, wire: XapiProtocol,
                     transport: any XapiTransport, options: XapiClientOptions,
                     credentials: XapiCredentials) async throws -> XapiValue {
        try ReadOnlyPolicy.check(method)
        let body = XapiWire.encodeRequest(wire, method: method, params: params)
        let reply = try await transport.post(to: target, path: wire.path, contentType: wire.contentType, body: body,
                                             timeout: options.callTimeout)
        guard reply.status == 200 else {
            throw XapiError.httpStatus(server: target.url, status: reply.status,
                                       snippet: credentials.redacting(Self.snippet(of: reply.body)))
        }
        let result: XapiResult
        do {
            result = try XapiWire.decodeResult(wire, reply.body, limits: options.limits)
        } catch let error as ParseError {
            throw XapiError.malformedReply(server: target.url, method: method, detail: error.description)
        } catch let fault as XMLRPCFault {
            throw XapiError.malformedReply(server: target.url, method: method, detail: credentials.redacting(fault.description))
        }
        switch result {
        case .success(let value):
            return value
        case .failure(let code, let failureParams):
            if code == "SESSION_AUTHENTICATION_FAILED" {
                throw XapiError.authenticationFailed(server: target.url, user: credentials.user)
            }
            throw XapiError.apiFailure(server: target.url, method: method, code: code,
                                       params: failureParams.map(credentials.redacting))
        }
    }

    /// The readable text of an error page, on one line: tags dropped, spaces collapsed.
    static func snippet(of body: [UInt8]) -> String {
        var text = ""
        var inTag = false
        for character in String(decoding: body.prefix(4096), as: UTF8.self) {
            if character == "<" { inTag = true; text += " "; continue }
            if character == ">" { inTag = false; continue }
            if !inTag { text.append(character.isWhitespace || character.isNewline ? " " : character) }
        }
        let words = text.split(separator: " ").joined(separator: " ")
        return words.count > 160 ? String(words.prefix(160)) + "…" : words
    }
}

/// A logged-in session on a pool master.
public struct XapiSession: Sendable {
    /// The server that accepted the login (the master, after any redirect).
    public let endpoint: XapiEndpoint
    /// The address first asked, when it answered `HOST_IS_SLAVE`.
    public let redirectedFrom: XapiEndpoint?
    public let wire: XapiProtocol
    let reference: String
    let client: XapiClient

    /// Calls `method` with the session reference prepended to `params`.
    public func call(_ method: String, _ params: [XapiValue] = []) async throws -> XapiValue {
        try await XapiClient.call(method: method, params: [.string(reference)] + params, at: endpoint, wire: wire,
                                  transport: client.transport, options: client.options, credentials: client.credentials)
    }

    /// `<class>.get_all_records`: every object of the class, keyed by opaque reference.
    public func allRecords(of className: String) async throws -> [String: [String: XapiValue]] {
        let method = "\(className).get_all_records"
        let value = try await call(method)
        guard let byReference = value.mapValue else {
            throw XapiError.malformedReply(server: endpoint.url, method: method, detail: "not a map of records")
        }
        var records: [String: [String: XapiValue]] = [:]
        records.reserveCapacity(byReference.count)
        for (reference, record) in byReference {
            guard let fields = record.mapValue else {
                throw XapiError.malformedReply(server: endpoint.url, method: method, detail: "record \(reference) is not a struct")
            }
            records[reference] = fields
        }
        return records
    }

    /// Reads every class at once (one call each, concurrently): a fixed number of calls
    /// whatever the number of hosts.
    public func allRecords(of classes: [String]) async throws -> XapiRecords {
        try await withThrowingTaskGroup(of: (String, [String: [String: XapiValue]]).self) { group in
            for className in classes {
                group.addTask { (className, try await allRecords(of: className)) }
            }
            var result = XapiRecords()
            for try await (className, records) in group { result.classes[className] = records }
            return result
        }
    }

    /// Best effort: a failed logout only leaves a session for XAPI to expire.
    public func logout() async {
        _ = try? await call("session.logout")
    }
}

/// Raw records as XAPI returned them: class name -> opaque reference -> fields.
public struct XapiRecords: Sendable, Equatable {
    public var classes: [String: [String: [String: XapiValue]]] = [:]

    public init(classes: [String: [String: [String: XapiValue]]] = [:]) { self.classes = classes }

    public subscript(className: String) -> [String: [String: XapiValue]]? { classes[className] }

    /// The classes poolcheck reads, in XenAPI spelling.
    public static let auditedClasses = ["pool", "host", "PIF", "Bond", "network", "VLAN", "tunnel", "SR", "PBD", "VM"]
}
