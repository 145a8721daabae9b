import XenAPI

/// Turns raw `get_all_records` results into the fact types the snapshot gatherer fills.
///
/// XAPI links objects by opaque references (`OpaqueRef:…`), which mean nothing outside
/// one session; xe and the facts link them by uuid. Every reference is resolved here
/// (PIF.host -> host uuid, PBD.SR -> SR uuid, Bond.master -> PIF uuid, ...), and the
/// names xe would print beside them (`host-name-label`, `network-name-label`) are filled
/// from the referenced record, so a rule cannot tell which source the facts came from.
public enum XapiRecordMapper {
    public static func database(from records: XapiRecords) -> XapiDatabase {
        let table = ReferenceTable(records)
        var database = XapiDatabase()
        database.pools = recordSet(records["pool"]) { pool(table, $0) }
        database.hosts = recordSet(records["host"]) { host(table, $0) }
        database.PIFs = recordSet(records["PIF"]) { pif(table, $0) }
        database.bonds = recordSet(records["Bond"]) { bond(table, $0) }
        database.networks = recordSet(records["network"]) { network(table, $0) }
        database.VLANs = recordSet(records["VLAN"]) { vlan(table, $0) }
        database.tunnels = recordSet(records["tunnel"]) { tunnel(table, $0) }
        database.SRs = recordSet(records["SR"]) { sr(table, $0) }
        database.PBDs = recordSet(records["PBD"]) { pbd(table, $0) }
        database.VMs = recordSet(records["VM"]) { vm(table, $0) }
        return database
    }

    /// A class that was read becomes a complete set (get_all_records is unfiltered),
    /// sorted by uuid so the facts are the same on every run.
    private static func recordSet<Record: XapiRecord>(_ raw: [String: [String: XapiValue]]?,
                                                      _ map: ([String: XapiValue]) -> Record?) -> RecordSet<Record>? {
        guard let raw else { return nil }
        let records = raw.values.compactMap(map).sorted { $0.uuid < $1.uuid }
        return RecordSet(records: records, complete: true)
    }

    private static func pool(_ table: ReferenceTable, _ fields: [String: XapiValue]) -> Pool? {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        var pool = Pool(uuid: uuid)
        pool.name_label = fields["name_label"]?.stringValue
        pool.name_description = fields["name_description"]?.stringValue
        pool.master = table.uuid(fields["master"])
        pool.default_SR = table.uuid(fields["default_SR"])
        pool.crash_dump_SR = table.uuid(fields["crash_dump_SR"])
        pool.suspend_image_SR = table.uuid(fields["suspend_image_SR"])
        pool.ha_enabled = fields["ha_enabled"]?.boolValue
        pool.other_config = fields["other_config"]?.stringMapValue
        // Over XAPI every field is sent, so `shown` stays nil ("every field"): an absent
        // default_SR really is unset.
        return pool
    }

    private static func host(_ table: ReferenceTable, _ fields: [String: XapiValue]) -> Host? {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        var host = Host(uuid: uuid)
        host.name_label = fields["name_label"]?.stringValue
        host.name_description = fields["name_description"]?.stringValue
        host.hostname = fields["hostname"]?.stringValue
        host.address = fields["address"]?.stringValue
        host.enabled = fields["enabled"]?.boolValue
        host.software_version = fields["software_version"]?.stringMapValue
        host.API_version_major = fields["API_version_major"]?.intValue.map(Int.init)
        host.API_version_minor = fields["API_version_minor"]?.intValue.map(Int.init)
        host.cpu_info = fields["cpu_info"]?.stringMapValue
        host.edition = fields["edition"]?.stringValue
        host.external_auth_type = fields["external_auth_type"]?.stringValue
        host.suspend_image_sr = table.uuid(fields["suspend_image_sr"])
        host.crash_dump_sr = table.uuid(fields["crash_dump_sr"])
        host.multipathing = fields["multipathing"]?.boolValue
        host.other_config = fields["other_config"]?.stringMapValue
        return host
    }

    private static func pif(_ table: ReferenceTable, _ fields: [String: XapiValue]) -> PIF? {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        var pif = PIF(uuid: uuid)
        pif.device = fields["device"]?.stringValue
        pif.MAC = fields["MAC"]?.stringValue
        pif.physical = fields["physical"]?.boolValue
        pif.currently_attached = fields["currently_attached"]?.boolValue
        pif.MTU = fields["MTU"]?.intValue.map(Int.init)
        pif.VLAN = fields["VLAN"]?.intValue.map(Int.init)
        pif.bond_master_of = table.uuids(fields["bond_master_of"])
        pif.bond_slave_of = table.uuid(fields["bond_slave_of"])
        pif.tunnel_access_PIF_of = table.uuids(fields["tunnel_access_PIF_of"])
        pif.management = fields["management"]?.boolValue
        pif.network = table.uuid(fields["network"])
        pif.network_name_label = table.field("name_label", of: fields["network"])
        pif.host = table.uuid(fields["host"])
        pif.host_name_label = table.field("name_label", of: fields["host"])
        pif.ip_configuration_mode = fields["ip_configuration_mode"]?.stringValue
        pif.IP = fields["IP"]?.stringValue
        pif.netmask = fields["netmask"]?.stringValue
        pif.gateway = fields["gateway"]?.stringValue
        pif.IPv6 = fields["IPv6"]?.stringArrayValue
        pif.disallow_unplug = fields["disallow_unplug"]?.boolValue
        pif.other_config = fields["other_config"]?.stringMapValue
        return pif
    }

    private static func bond(_ table: ReferenceTable, _ fields: [String: XapiValue]) -> Bond? {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        var bond = Bond(uuid: uuid)
        bond.master = table.uuid(fields["master"])
        bond.slaves = table.uuids(fields["slaves"])
        bond.mode = fields["mode"]?.stringValue
        bond.links_up = fields["links_up"]?.intValue.map(Int.init)
        bond.primary_slave = table.uuid(fields["primary_slave"])
        return bond
    }

    private static func network(_ table: ReferenceTable, _ fields: [String: XapiValue]) -> Network? {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        var network = Network(uuid: uuid)
        network.name_label = fields["name_label"]?.stringValue
        network.name_description = fields["name_description"]?.stringValue
        network.bridge = fields["bridge"]?.stringValue
        network.MTU = fields["MTU"]?.intValue.map(Int.init)
        network.PIFs = table.uuids(fields["PIFs"])
        return network
    }

    private static func vlan(_ table: ReferenceTable, _ fields: [String: XapiValue]) -> VLAN? {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        var vlan = VLAN(uuid: uuid)
        vlan.tagged_PIF = table.uuid(fields["tagged_PIF"])
        vlan.untagged_PIF = table.uuid(fields["untagged_PIF"])
        vlan.tag = fields["tag"]?.intValue.map(Int.init)
        return vlan
    }

    private static func tunnel(_ table: ReferenceTable, _ fields: [String: XapiValue]) -> Tunnel? {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        var tunnel = Tunnel(uuid: uuid)
        tunnel.access_PIF = table.uuid(fields["access_PIF"])
        tunnel.transport_PIF = table.uuid(fields["transport_PIF"])
        return tunnel
    }

    private static func sr(_ table: ReferenceTable, _ fields: [String: XapiValue]) -> SR? {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        var sr = SR(uuid: uuid)
        sr.name_label = fields["name_label"]?.stringValue
        sr.name_description = fields["name_description"]?.stringValue
        sr.type = fields["type"]?.stringValue
        sr.content_type = fields["content_type"]?.stringValue
        sr.shared = fields["shared"]?.boolValue
        sr.PBDs = table.uuids(fields["PBDs"])
        // xe's derived `host` column, so facts read the same from either source.
        if let pbds = fields["PBDs"]?.arrayValue {
            sr.host = pbds.count > 1 ? "<shared>" : pbds.first.flatMap { table.field("host", of: $0) }
                .flatMap { table.field("name_label", of: .string($0)) }
        }
        sr.other_config = fields["other_config"]?.stringMapValue
        return sr
    }

    private static func pbd(_ table: ReferenceTable, _ fields: [String: XapiValue]) -> PBD? {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        var pbd = PBD(uuid: uuid)
        pbd.host = table.uuid(fields["host"])
        pbd.host_name_label = table.field("name_label", of: fields["host"])
        pbd.SR = table.uuid(fields["SR"])
        pbd.SR_name_label = table.field("name_label", of: fields["SR"])
        pbd.device_config = fields["device_config"]?.stringMapValue.map(redactSecrets)
        pbd.currently_attached = fields["currently_attached"]?.boolValue
        pbd.other_config = fields["other_config"]?.stringMapValue
        return pbd
    }

    private static func vm(_ table: ReferenceTable, _ fields: [String: XapiValue]) -> VM? {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        var vm = VM(uuid: uuid)
        vm.name_label = fields["name_label"]?.stringValue
        vm.power_state = fields["power_state"]?.stringValue
        vm.is_control_domain = fields["is_control_domain"]?.boolValue
        vm.is_a_template = fields["is_a_template"]?.boolValue
        vm.resident_on = table.uuid(fields["resident_on"])
        vm.other_config = fields["other_config"]?.stringMapValue
        return vm
    }

    /// iSCSI CHAP and CIFS passwords can sit in device_config; secrets never reach the facts.
    static func redactSecrets(_ config: [String: String]) -> [String: String] {
        var result = config
        for key in config.keys {
            let lower = key.lowercased()
            if lower.contains("password") || lower.contains("secret") || lower.hasPrefix("chap") {
                result[key] = "<redacted>"
            }
        }
        return result
    }
}

/// Opaque reference -> record, across every class read in one session.
struct ReferenceTable {
    private var records: [String: [String: XapiValue]] = [:]

    init(_ all: XapiRecords) {
        for (_, byReference) in all.classes {
            records.merge(byReference) { first, _ in first }
        }
    }

    /// The uuid behind a reference; nil for `OpaqueRef:NULL`, empty or unknown references.
    func uuid(_ reference: XapiValue?) -> String? { field("uuid", of: reference) }

    func field(_ name: String, of reference: XapiValue?) -> String? {
        guard let reference = reference?.stringValue, !reference.isEmpty, reference != "OpaqueRef:NULL" else { return nil }
        return records[reference]?[name]?.stringValue
    }

    /// A set of references as uuids (unknown ones dropped: they point outside what was read).
    func uuids(_ references: XapiValue?) -> [String]? {
        guard let items = references?.arrayValue else { return nil }
        return items.compactMap { uuid($0) }
    }
}
