/// The kinds of source facts come from. A failure names its kind, so a rule knows
/// whether the evidence it needed was lost.
public enum EvidenceKind: String, Codable, Sendable, CaseIterable {
    /// xe/ifconfig/mount transcripts (`--snapshot`).
    case snapshot
    /// A facts file written earlier (`--facts`).
    case facts
    /// A live XAPI server (`--xapi`).
    case xapi
    /// An NFS server's rpcbind/mountd/nfsd asked over RPC (`--nfs`, or the plan's server).
    case nfs
    /// mountd's export list, when rpcbind answered but EXPORT did not.
    case nfsExports = "nfs-exports"
    /// `showmount -e` as a transcript shows it failing.
    case showmount
    /// Captures (`--pcap`, `--capture`).
    case traffic

    /// Whether the source tells the pool as it is now (a live answer) rather than as it
    /// was when a file was written: a live value supersedes a recorded one.
    public var isLive: Bool { self == .xapi || self == .nfs || self == .nfsExports }

    /// Kinds whose failure leaves XenAPI records or host OS facts missing.
    public var suppliesPoolRecords: Bool { self == .xapi || self == .snapshot || self == .facts }

    /// Kinds whose failure leaves an NFS server's export list or registrations missing.
    public var suppliesNFS: Bool { self == .nfs || self == .nfsExports || self == .showmount }
}

/// One source a run read: a file, or a server it asked.
public struct EvidenceSource: Codable, Sendable, Equatable {
    public var kind: EvidenceKind
    /// The file path or URL, as given.
    public var label: String
    /// The facts file this source was read back from (`--facts`), when it was.
    public var recordedIn: String?

    public init(kind: EvidenceKind, label: String, recordedIn: String? = nil) {
        self.kind = kind
        self.label = label
        self.recordedIn = recordedIn
    }

    /// A live answer of this run, as opposed to a file or an answer recorded in a facts file.
    public var isLive: Bool { kind.isLive && recordedIn == nil }
}

/// A value two sources gave differently.
public struct FactConflict: Codable, Sendable, Equatable {
    /// "PIF", "host", "pool", ... for records; "interface" or "exports" for what a host showed.
    public var object: String
    /// The record's uuid, or the host and interface ("xs-1 xenbr2").
    public var id: String
    public var field: String
    /// Each value with the sources that gave it.
    public var values: [Reading]
    /// Set when one source is known to be newer: which value was used and why.
    public var resolution: String?
    /// The host the value belongs to, when known (so its rules can say the evidence disagrees).
    public var host: String?

    public struct Reading: Codable, Sendable, Equatable {
        public var value: String
        public var sources: [String]

        public init(value: String, sources: [String]) {
            self.value = value
            self.sources = sources
        }
    }

    public init(object: String, id: String, field: String, values: [Reading], resolution: String? = nil, host: String? = nil) {
        self.object = object
        self.id = id
        self.field = field
        self.values = values
        self.resolution = resolution
        self.host = host
    }

    public var summary: String {
        let readings = values.map { "\($0.value) (\($0.sources.joined(separator: ", ")))" }.joined(separator: " vs ")
        let base = "\(object) \(id) \(field): \(readings)"
        return resolution.map { "\(base); \($0)" } ?? base
    }
}
