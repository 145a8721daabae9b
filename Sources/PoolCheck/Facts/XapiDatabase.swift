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

    /// Marks every complete listing as the whole of these pools' records (one XAPI server's database).
    public mutating func markComplete(forPools pools: [String]) {
        func mark<Record>(_ set: inout RecordSet<Record>?) {
            if set?.complete == true { set?.completePools = pools }
        }
        mark(&self.pools); mark(&hosts); mark(&PIFs); mark(&bonds); mark(&networks); mark(&VLANs); mark(&tunnels)
        mark(&SRs); mark(&PBDs); mark(&VMs)
    }

    /// Every record's uuid, of every class.
    public var allUUIDs: [String] {
        var uuids: [String] = []
        func add<Record>(_ set: RecordSet<Record>?) { uuids += (set?.records ?? []).map(\.uuid) }
        add(pools); add(hosts); add(PIFs); add(bonds); add(networks); add(VLANs); add(tunnels); add(SRs); add(PBDs); add(VMs)
        return uuids
    }

    /// The pool, when the database holds exactly one (as any one XAPI server's does).
    public var pool: Pool? { pools?.records.count == 1 ? pools?.records.first : nil }
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
    /// The pools (uuids) whose unfiltered list was read; nil when the listing's pool is unknown.
    public var completePools: [String]?

    public init(records: [Record], complete: Bool, completePools: [String]? = nil) {
        self.records = records
        self.complete = complete
        self.completePools = completePools
    }

    /// Whether an unfiltered listing of `pool` was read, so a record of that pool missing
    /// from it really is absent. A listing whose pool is unknown counts only when the
    /// database holds one pool.
    public func isComplete(forPool pool: String?, poolCount: Int) -> Bool {
        guard complete else { return false }
        if let pool, let pools = completePools, !pools.isEmpty { return pools.contains(pool) }
        return poolCount <= 1
    }

    public subscript(uuid: String) -> Record? { records.first { $0.uuid == uuid } }

    /// Positions of the records by uuid, for merging another copy of the class.
    var slots: [String: Int] {
        Dictionary(records.enumerated().map { ($1.uuid, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Takes on what another listing of the class proves complete.
    mutating func noteCompleteness(of other: RecordSet) {
        complete = complete || other.complete
        let known = completePools ?? []
        completePools = known + (other.completePools ?? []).filter { !known.contains($0) }
    }
}
