/// Whether an export admits a client.
public enum Verdict: String, Sendable, Codable, Hashable {
    case admitted
    case refused
    /// Could not be decided (unresolvable name or netgroup, hidden export...).
    case unknown
}

/// The verdict for one client on one export, with the group that decided it.
public struct ClientVerdict: Sendable, Hashable {
    public var address: String
    public var verdict: Verdict
    /// The client group that admitted the client, or that could not be
    /// decided; nil when every group refused.
    public var group: String?
    /// One line for people: why.
    public var reason: String

    public init(address: String, verdict: Verdict, group: String?, reason: String) {
        self.address = address
        self.verdict = verdict
        self.group = group
        self.reason = reason
    }
}
