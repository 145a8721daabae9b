/// How live sources are asked.
public struct GatherOptions: Sendable {
    /// Deadline of each network step.
    public var timeout: Duration
    /// Source address for NFS queries (a host's storage IP), when given.
    public var nfsSource: String?
    /// Never ask a server that was not named: no query of the plan's NFS server by default.
    public var offline: Bool

    /// Length of a live capture window.
    public var captureDuration: Duration

    public init(timeout: Duration = .seconds(5), nfsSource: String? = nil, offline: Bool = false,
                captureDuration: Duration = .seconds(5)) {
        self.timeout = timeout
        self.captureDuration = captureDuration
        self.nfsSource = nfsSource
        self.offline = offline
    }
}
