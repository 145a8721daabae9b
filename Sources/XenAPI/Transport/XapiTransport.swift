/// An HTTP reply, whatever its status; the client decides what a non-200 means.
public struct HTTPReply: Sendable, Equatable {
    public var status: Int
    public var contentType: String?
    public var body: [UInt8]

    public init(status: Int, contentType: String?, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// One HTTP POST with a deadline covering everything from name resolution to the last byte.
/// Implementations throw `XapiError` only, naming the server.
public protocol XapiTransport: Sendable {
    func post(to endpoint: XapiEndpoint, path: String, contentType: String, body: [UInt8],
              timeout: Duration) async throws -> HTTPReply
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }
}
