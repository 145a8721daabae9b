import PoolCheck
import XenAPI

/// What the simulator serves: one pool's XAPI database as wire records, and which hosts
/// listen. Build it from facts (a snapshot), from a generator, or by hand.
public struct SimScenario: Sendable {
    /// class -> opaque reference -> fields, exactly as `get_all_records` returns them.
    public var records: XapiRecords
    /// Hosts that get a listener, master first.
    public var hosts: [SimHost]

    public init(records: XapiRecords, hosts: [SimHost]) {
        self.records = records
        self.hosts = hosts
    }

    public var master: SimHost? { hosts.first { $0.isMaster } }
}

public struct SimHost: Sendable, Equatable {
    public var name: String
    public var reference: String
    public var isMaster: Bool

    public init(name: String, reference: String, isMaster: Bool) {
        self.name = name
        self.reference = reference
        self.isMaster = isMaster
    }
}

public struct SimScenarioError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension SimScenario {
    /// Serves the pool database the facts hold, with the pool record as the master itself
    /// read it; uuids get opaque references, and uuid links become reference links.
    /// Fields absent from the facts are left out of the records rather than invented, so
    /// facts -> simulator -> XAPI gatherer gives the same facts back.
    public init(facts: Facts) throws {
        var database = facts.database
        for observation in facts.hosts {
            guard let reading = observation.pool, let master = reading.master, let record = facts.database.hosts?[master],
                  record.name_label == observation.name || record.hostname == observation.name,
                  let index = database.pools?.records.firstIndex(where: { $0.uuid == reading.uuid }) else { continue }
            database.pools?.records[index] = reading
            break
        }
        try self.init(database: database)
    }

    public init(database: XapiDatabase) throws {
        var references = ReferenceAllocator()
        let hostRecords = database.hosts?.records ?? []
        guard !hostRecords.isEmpty else { throw SimScenarioError("no host records: nothing to serve") }
        let pool = database.pool ?? Pool(uuid: references.syntheticUUID("pool"))
        let masterUUID = pool.master ?? hostRecords[0].uuid

        var records = XapiRecords()
        func put<Record: XapiRecord>(_ className: String, _ set: RecordSet<Record>?,
                                     _ fields: (Record, inout ReferenceAllocator) -> [String: XapiValue]) {
            var byReference: [String: [String: XapiValue]] = [:]
            for record in set?.records ?? [] {
                var values = fields(record, &references)
                values["uuid"] = .string(record.uuid)
                byReference[references.reference(for: record.uuid)] = values
            }
            records.classes[className] = byReference
        }
        put("pool", RecordSet(records: [pool], complete: true)) { pool, refs in
            var values: [String: XapiValue] = [:]
            values["name_label"] = pool.name_label.map(XapiValue.string)
            values["name_description"] = pool.name_description.map(XapiValue.string)
            values["master"] = .string(refs.reference(for: masterUUID))
            let shown = Set(pool.shown ?? [])
            for (name, uuid) in [("default_SR", pool.default_SR), ("crash_dump_SR", pool.crash_dump_SR),
                                 ("suspend_image_SR", pool.suspend_image_SR)] {
                // Unset but shown is XAPI's OpaqueRef:NULL; never shown stays absent.
                if let uuid { values[name] = .string(refs.reference(for: uuid)) } else if shown.contains(name) || pool.shown == nil {
                    values[name] = "OpaqueRef:NULL"
                }
            }
            values["ha_enabled"] = pool.ha_enabled.map(XapiValue.bool)
            values["other_config"] = pool.other_config.map(Self.map)
            return values
        }
        put("host", database.hosts) { host, refs in
            var values: [String: XapiValue] = [:]
            values["name_label"] = host.name_label.map(XapiValue.string)
            values["name_description"] = host.name_description.map(XapiValue.string)
            values["hostname"] = host.hostname.map(XapiValue.string)
            values["address"] = host.address.map(XapiValue.string)
            values["enabled"] = host.enabled.map(XapiValue.bool)
            values["software_version"] = host.software_version.map(Self.map)
            values["API_version_major"] = host.API_version_major.map { .int(Int64($0)) }
            values["API_version_minor"] = host.API_version_minor.map { .int(Int64($0)) }
            values["cpu_info"] = host.cpu_info.map(Self.map)
            values["edition"] = host.edition.map(XapiValue.string)
            values["external_auth_type"] = host.external_auth_type.map(XapiValue.string)
            values["suspend_image_sr"] = host.suspend_image_sr.map { .string(refs.reference(for: $0)) }
            values["crash_dump_sr"] = host.crash_dump_sr.map { .string(refs.reference(for: $0)) }
            values["multipathing"] = host.multipathing.map(XapiValue.bool)
            values["other_config"] = host.other_config.map(Self.map)
            return values
        }
        put("PIF", database.PIFs) { pif, refs in
            var values: [String: XapiValue] = [:]
            values["device"] = pif.device.map(XapiValue.string)
            values["MAC"] = pif.MAC.map(XapiValue.string)
            values["physical"] = pif.physical.map(XapiValue.bool)
            values["currently_attached"] = pif.currently_attached.map(XapiValue.bool)
            values["MTU"] = pif.MTU.map { .int(Int64($0)) }
            values["VLAN"] = pif.VLAN.map { .int(Int64($0)) }
            values["bond_master_of"] = pif.bond_master_of.map { refs.references(for: $0) }
            values["bond_slave_of"] = pif.bond_slave_of.map { .string(refs.reference(for: $0)) }
            values["tunnel_access_PIF_of"] = pif.tunnel_access_PIF_of.map { refs.references(for: $0) }
            values["management"] = pif.management.map(XapiValue.bool)
            values["network"] = pif.network.map { .string(refs.reference(for: $0)) }
            values["host"] = pif.host.map { .string(refs.reference(for: $0)) }
            values["ip_configuration_mode"] = pif.ip_configuration_mode.map(XapiValue.string)
            values["IP"] = pif.IP.map(XapiValue.string)
            values["netmask"] = pif.netmask.map(XapiValue.string)
            values["gateway"] = pif.gateway.map(XapiValue.string)
            values["IPv6"] = pif.IPv6.map { .array($0.map(XapiValue.string)) }
            values["disallow_unplug"] = pif.disallow_unplug.map(XapiValue.bool)
            values["other_config"] = pif.other_config.map(Self.map)
            return values
        }
        put("Bond", database.bonds) { bond, refs in
            var values: [String: XapiValue] = [:]
            values["master"] = bond.master.map { .string(refs.reference(for: $0)) }
            values["slaves"] = bond.slaves.map { refs.references(for: $0) }
            values["mode"] = bond.mode.map(XapiValue.string)
            values["links_up"] = bond.links_up.map { .int(Int64($0)) }
            values["primary_slave"] = bond.primary_slave.map { .string(refs.reference(for: $0)) }
            return values
        }
        put("network", database.networks) { network, refs in
            var values: [String: XapiValue] = [:]
            values["name_label"] = network.name_label.map(XapiValue.string)
            values["name_description"] = network.name_description.map(XapiValue.string)
            values["bridge"] = network.bridge.map(XapiValue.string)
            values["MTU"] = network.MTU.map { .int(Int64($0)) }
            values["PIFs"] = network.PIFs.map { refs.references(for: $0) }
            return values
        }
        put("VLAN", database.VLANs) { vlan, refs in
            var values: [String: XapiValue] = [:]
            values["tagged_PIF"] = vlan.tagged_PIF.map { .string(refs.reference(for: $0)) }
            values["untagged_PIF"] = vlan.untagged_PIF.map { .string(refs.reference(for: $0)) }
            values["tag"] = vlan.tag.map { .int(Int64($0)) }
            return values
        }
        put("tunnel", database.tunnels) { tunnel, refs in
            var values: [String: XapiValue] = [:]
            values["access_PIF"] = tunnel.access_PIF.map { .string(refs.reference(for: $0)) }
            values["transport_PIF"] = tunnel.transport_PIF.map { .string(refs.reference(for: $0)) }
            return values
        }
        put("SR", database.SRs) { sr, refs in
            var values: [String: XapiValue] = [:]
            values["name_label"] = sr.name_label.map(XapiValue.string)
            values["name_description"] = sr.name_description.map(XapiValue.string)
            values["type"] = sr.type.map(XapiValue.string)
            values["content_type"] = sr.content_type.map(XapiValue.string)
            values["shared"] = sr.shared.map(XapiValue.bool)
            values["PBDs"] = sr.PBDs.map { refs.references(for: $0) }
            values["other_config"] = sr.other_config.map(Self.map)
            return values
        }
        put("PBD", database.PBDs) { pbd, refs in
            var values: [String: XapiValue] = [:]
            values["host"] = pbd.host.map { .string(refs.reference(for: $0)) }
            values["SR"] = pbd.SR.map { .string(refs.reference(for: $0)) }
            values["device_config"] = pbd.device_config.map(Self.map)
            values["currently_attached"] = pbd.currently_attached.map(XapiValue.bool)
            values["other_config"] = pbd.other_config.map(Self.map)
            return values
        }
        put("VM", database.VMs) { vm, refs in
            var values: [String: XapiValue] = [:]
            values["name_label"] = vm.name_label.map(XapiValue.string)
            values["power_state"] = vm.power_state.map(XapiValue.string)
            values["is_control_domain"] = vm.is_control_domain.map(XapiValue.bool)
            values["is_a_template"] = vm.is_a_template.map(XapiValue.bool)
            values["resident_on"] = vm.resident_on.map { .string(refs.reference(for: $0)) }
            values["other_config"] = vm.other_config.map(Self.map)
            return values
        }

        let hosts = hostRecords.map { host in
            SimHost(name: [host.name_label, host.hostname].compactMap { $0 }.first { !$0.isEmpty } ?? host.uuid,
                    reference: references.reference(for: host.uuid), isMaster: host.uuid == masterUUID)
        }
        self.init(records: records, hosts: hosts.filter(\.isMaster) + hosts.filter { !$0.isMaster })
    }

    static func map(_ dictionary: [String: String]) -> XapiValue {
        .map(dictionary.mapValues(XapiValue.string))
    }
}

/// Gives every uuid a stable opaque reference that is visibly not the uuid, so a client
/// that forgot to resolve references would be caught by the tests.
struct ReferenceAllocator {
    private var byUUID: [String: String] = [:]
    private var synthetic = 0

    mutating func reference(for uuid: String) -> String {
        if let known = byUUID[uuid] { return known }
        let reference = "OpaqueRef:" + Self.scramble(uuid)
        byUUID[uuid] = reference
        return reference
    }

    mutating func references(for uuids: [String]) -> XapiValue {
        .array(uuids.map { .string(reference(for: $0)) })
    }

    mutating func syntheticUUID(_ kind: String) -> String {
        synthetic += 1
        return SimIdentifiers.uuid(kind, synthetic)
    }

    /// A uuid-shaped string derived from the uuid (FNV-1a), deterministic across runs.
    static func scramble(_ uuid: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in uuid.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        var second = hash
        for byte in uuid.utf8.reversed() { second = (second ^ UInt64(byte)) &* 0x100000001b3 }
        return SimIdentifiers.format(hash, second)
    }
}

public enum SimIdentifiers {
    /// A deterministic uuid-shaped identifier for generated objects.
    public static func uuid(_ kind: String, _ index: Int) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in kind.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return format(hash, UInt64(index))
    }

    static func format(_ high: UInt64, _ low: UInt64) -> String {
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text.suffix(digits)
        }
        return "\(hex(high >> 32, 8))-\(hex((high >> 16) & 0xffff, 4))-\(hex(high & 0xffff, 4))-\(hex(low >> 48, 4))-\(hex(low & 0xffff_ffff_ffff, 12))"
    }
}
