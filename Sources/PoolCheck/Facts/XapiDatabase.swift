/// The XenAPI objects one host's xe (or XAPI) showed. Each class is nil when it was
/// never listed, so "no bonds" can be told apart from "bonds not looked at".
public struct XapiDatabase: Codable, Sendable, Equatable {
    public var pools: RecordSet<Pool>?
    public var hosts: RecordSet<Host>?
    public var PIFs: RecordSet<PIF>?
    public var bonds: RecordSet<Bond>?
    public var networks: RecordSet<Network>?
    public var VLANs: RecordSet<VLAN>?
    public var tunnels: RecordSet<Tunnel>?
    public var SRs: RecordSet<SR>?
    public var PBDs: RecordSet<PBD>?
    public var VMs: RecordSet<VM>?

    public init() {}

    public mutating func merge(_ other: XapiDatabase) {
        pools = RecordSet.merge(pools, other.pools)
        hosts = RecordSet.merge(hosts, other.hosts)
        PIFs = RecordSet.merge(PIFs, other.PIFs)
        bonds = RecordSet.merge(bonds, other.bonds)
        networks = RecordSet.merge(networks, other.networks)
        VLANs = RecordSet.merge(VLANs, other.VLANs)
        tunnels = RecordSet.merge(tunnels, other.tunnels)
        SRs = RecordSet.merge(SRs, other.SRs)
        PBDs = RecordSet.merge(PBDs, other.PBDs)
        VMs = RecordSet.merge(VMs, other.VMs)
    }

    /// The one pool this host belongs to (every XenServer host is in exactly one).
    public var pool: Pool? { pools?.records.first }
}

public protocol XapiRecord: Codable, Sendable, Equatable {
    var uuid: String { get }
    /// XenAPI names of the fields that were shown; nil when every field was read (XAPI).
    var shown: [String]? { get }
}

extension XapiRecord {
    /// Whether `field` (a XenAPI name) was shown, so nil means "unset" rather than "not read".
    public func wasShown(_ field: String) -> Bool { shown?.contains(field) ?? true }

    /// How many fields this copy shows; a full (XAPI) record shows them all.
    var shownCount: Int { shown?.count ?? Int.max }
}

/// Records of one class, and whether the listing was complete (not filtered).
public struct RecordSet<Record: XapiRecord>: Codable, Sendable, Equatable {
    public var records: [Record]
    /// True when an unfiltered list was read, so a missing record really is absent.
    public var complete: Bool

    public init(records: [Record], complete: Bool) {
        self.records = records
        self.complete = complete
    }

    public subscript(uuid: String) -> Record? { records.first { $0.uuid == uuid } }

    static func merge(_ old: RecordSet?, _ new: RecordSet?) -> RecordSet? {
        guard let new else { return old }
        guard var merged = old else { return new }
        for record in new.records {
            if let index = merged.records.firstIndex(where: { $0.uuid == record.uuid }) {
                merged.records[index] = record
            } else {
                merged.records.append(record)
            }
        }
        merged.complete = merged.complete || new.complete
        return merged
    }
}
