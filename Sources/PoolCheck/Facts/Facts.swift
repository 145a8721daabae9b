import TrafficProbe

/// Everything poolcheck knows about the pool, gathered from one or more sources.
/// Rules read only this. A fact that was not collected is absent (nil), never guessed.
///
/// Every member's xe reads the master's database, so XenAPI records are kept once, in
/// one database merged by uuid from every source; what only a host itself can show (its
/// OS interfaces, mounts, the export lists it was shown, its own reading of the pool
/// record) stays per host, in `hosts`.
public struct Facts: Codable, Sendable, Equatable {
    public static let currentSchema = "poolcheck.facts/v2"

    public var schema: String
    /// Where the facts came from: files read and servers asked, with how each ended.
    public var sources: [EvidenceSource]
    /// XenAPI records from every source, one copy per uuid.
    public var database: XapiDatabase
    /// For each record uuid, the indexes into `sources` of the sources that showed it.
    public var provenance: Provenance
    /// Which hosts each pool's listings showed as its members.
    public var memberships: [PoolMembership]
    /// What each host showed of itself, one entry per host seen at a prompt.
    public var hosts: [HostObservation]
    /// Values two sources gave differently (resolved ones say which was used).
    public var conflicts: [FactConflict]
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

    public init(sources: [EvidenceSource] = [], database: XapiDatabase = XapiDatabase(), provenance: Provenance = [:],
                memberships: [PoolMembership] = [], hosts: [HostObservation] = [], conflicts: [FactConflict] = [],
                nfsServers: [NFSServerFacts] = [], traffic: [TrafficObservation] = [],
                probeFailures: [ProbeFailure] = [], warnings: [String] = [], captureProblems: [CaptureProblem] = []) {
        self.schema = Self.currentSchema
        self.sources = sources
        self.database = database
        self.provenance = provenance
        self.memberships = memberships
        self.hosts = hosts
        self.conflicts = conflicts
        self.nfsServers = nfsServers
        self.traffic = traffic
        self.captureProblems = captureProblems
        self.probeFailures = probeFailures
        self.warnings = warnings
    }

    /// Facts read from one source: every record it holds is attributed to it.
    public init(source: EvidenceSource, database: XapiDatabase = XapiDatabase(), memberships: [PoolMembership] = [],
                hosts: [HostObservation] = [], warnings: [String] = []) {
        self.init(sources: [source], database: database, memberships: memberships, hosts: hosts, warnings: warnings)
        for uuid in database.allUUIDs { provenance[uuid] = [0] }
    }
}

/// A source that was asked and did not answer (timeout, refused, auth, unreadable).
public struct ProbeFailure: Codable, Sendable, Equatable {
    /// Host, server or file the failure concerns.
    public var target: String
    /// Which kind of source failed, and so which facts are missing because of it.
    public var source: EvidenceKind
    public var message: String

    public init(target: String, source: EvidenceKind, message: String) {
        self.target = target
        self.source = source
        self.message = message
    }
}

/// The hosts a pool's `xe host-list` (or XAPI's host records) showed.
public struct PoolMembership: Codable, Sendable, Equatable {
    public var pool: String
    public var hosts: [String]
    /// An unfiltered host list was read, so a host not in `hosts` is not a member.
    public var complete: Bool

    public init(pool: String, hosts: [String], complete: Bool) {
        self.pool = pool
        self.hosts = hosts
        self.complete = complete
    }
}
