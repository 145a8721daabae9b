import TrafficProbe

/// Everything poolcheck knows about the pool, gathered from one or more sources.
/// Rules read only this. A fact that was not collected is absent (nil), never guessed.
public struct Facts: Codable, Sendable, Equatable {
    public static let currentSchema = "poolcheck.facts/v1"

    public var schema: String
    /// What each host reported about itself and its pool, one view per host asked.
    public var views: [HostView]
    /// NFS servers asked directly over RPC (rpcbind/mountd/nfsd).
    public var nfsServers: [NFSServerFacts]
    /// What was seen on the wire, one observation per captured interface.
    public var traffic: [TrafficObservation]
    /// Interfaces a live capture could not open.
    public var captureProblems: [CaptureProblem]
    /// Sources that could not be read: the rules that need them answer `error`.
    public var probeFailures: [ProbeFailure]
    /// Lines a gatherer could not place, with file:line.
    public var warnings: [String]

    public init(views: [HostView] = [], nfsServers: [NFSServerFacts] = [], traffic: [TrafficObservation] = [],
                probeFailures: [ProbeFailure] = [], warnings: [String] = [], captureProblems: [CaptureProblem] = []) {
        self.schema = Self.currentSchema
        self.views = views
        self.nfsServers = nfsServers
        self.traffic = traffic
        self.captureProblems = captureProblems
        self.probeFailures = probeFailures
        self.warnings = warnings
    }

    /// Combines facts from several sources; views of the same host are merged.
    public mutating func merge(_ other: Facts) {
        for view in other.views {
            if let index = views.firstIndex(where: { $0.name == view.name }) {
                views[index].merge(view)
            } else {
                views.append(view)
            }
        }
        nfsServers += other.nfsServers
        traffic += other.traffic
        captureProblems += other.captureProblems
        probeFailures += other.probeFailures
        warnings += other.warnings
    }
}

/// A source that was asked and did not answer (timeout, refused, auth, unreadable).
public struct ProbeFailure: Codable, Sendable, Equatable {
    /// Host, server or file the failure concerns.
    public var target: String
    /// Which kind of fact is missing because of it: "xapi", "nfs", "traffic", ...
    public var source: String
    public var message: String

    public init(target: String, source: String, message: String) {
        self.target = target
        self.source = source
        self.message = message
    }
}
