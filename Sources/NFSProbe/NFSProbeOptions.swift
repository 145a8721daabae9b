/// How a probe talks to a server.
public struct NFSProbeOptions: Sendable, Hashable {
    /// Deadline for one whole operation (a lookup, an export listing, a ping).
    public var timeout: Duration
    /// Local address to send from (e.g. the host's storage IP), or nil.
    public var sourceAddress: String?
    /// Bound on exports, groups per export, and registrations in one reply.
    public var maxEntries: UInt32

    public init(timeout: Duration = .seconds(5), sourceAddress: String? = nil, maxEntries: UInt32 = 4096) {
        self.timeout = timeout
        self.sourceAddress = sourceAddress
        self.maxEntries = maxEntries
    }

    var timeoutMilliseconds: Int32 {
        let (seconds, attoseconds) = timeout.components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(1, ms))
    }
}
