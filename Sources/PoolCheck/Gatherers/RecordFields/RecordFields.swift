// The fields poolcheck models, per class: XenAPI name, xe name (xen-api
// ocaml/xapi-cli-server/records.ml), kind.

extension Pool: ModelledRecord {
    static let fields: [ModelledField<Pool>] = [
        .init("name_label", xe: "name-label", .text(\.name_label)),
        .init("name_description", xe: "name-description", .text(\.name_description)),
        .init("master", xe: "master", .reference(\.master)),
        .init("default_SR", xe: "default-SR", .reference(\.default_SR)),
        .init("crash_dump_SR", xe: "crash-dump-SR", .reference(\.crash_dump_SR)),
        .init("suspend_image_SR", xe: "suspend-image-SR", .reference(\.suspend_image_SR)),
        .init("ha_enabled", xe: "ha-enabled", .flag(\.ha_enabled)),
        .init("other_config", xe: "other-config", .map(\.other_config)),
    ]
    static let xeFieldIndex = ModelledField<Pool>.xeIndex(fields)
}

extension Host: ModelledRecord {
    static let fields: [ModelledField<Host>] = [
        .init("name_label", xe: "name-label", .text(\.name_label)),
        .init("name_description", xe: "name-description", .text(\.name_description)),
        .init("hostname", xe: "hostname", .text(\.hostname)),
        .init("address", xe: "address", .text(\.address)),
        .init("enabled", xe: "enabled", .flag(\.enabled)),
        .init("software_version", xe: "software-version", .map(\.software_version)),
        .init("API_version_major", xe: "API-version-major", .number(\.API_version_major)),
        .init("API_version_minor", xe: "API-version-minor", .number(\.API_version_minor)),
        .init("cpu_info", xe: "cpu_info", .map(\.cpu_info)),
        .init("edition", xe: "edition", .text(\.edition)),
        .init("external_auth_type", xe: "external-auth-type", .text(\.external_auth_type)),
        .init("suspend_image_sr", xe: "suspend-image-sr-uuid", .reference(\.suspend_image_sr)),
        .init("crash_dump_sr", xe: "crash-dump-sr-uuid", .reference(\.crash_dump_sr)),
        .init("multipathing", xe: "multipathing", .flag(\.multipathing)),
        .init("other_config", xe: "other-config", .map(\.other_config)),
    ]
    static let xeFieldIndex = ModelledField<Host>.xeIndex(fields)
}

extension PIF: ModelledRecord {
    static let fields: [ModelledField<PIF>] = [
        .init("device", xe: "device", .text(\.device)),
        .init("MAC", xe: "MAC", .text(\.MAC)),
        .init("physical", xe: "physical", .flag(\.physical)),
        .init("currently_attached", xe: "currently-attached", .flag(\.currently_attached)),
        .init("MTU", xe: "MTU", .number(\.MTU)),
        .init("VLAN", xe: "VLAN", .number(\.VLAN)),
        .init("bond_master_of", xe: "bond-master-of", .references(\.bond_master_of)),
        .init("bond_slave_of", xe: "bond-slave-of", .reference(\.bond_slave_of)),
        .init("tunnel_access_PIF_of", xe: "tunnel-access-PIF-of", .references(\.tunnel_access_PIF_of)),
        .init("management", xe: "management", .flag(\.management)),
        .init("network", xe: "network-uuid", .reference(\.network)),
        .init("network_name_label", xe: "network-name-label", .nameLabel(of: "network", \.network_name_label)),
        .init("host", xe: "host-uuid", .reference(\.host)),
        .init("host_name_label", xe: "host-name-label", .nameLabel(of: "host", \.host_name_label)),
        .init("ip_configuration_mode", xe: "IP-configuration-mode", .text(\.ip_configuration_mode)),
        .init("IP", xe: "IP", .text(\.IP)),
        .init("netmask", xe: "netmask", .text(\.netmask)),
        .init("gateway", xe: "gateway", .text(\.gateway)),
        .init("IPv6", xe: "IPv6", .texts(\.IPv6)),
        .init("disallow_unplug", xe: "disallow-unplug", .flag(\.disallow_unplug)),
        .init("other_config", xe: "other-config", .map(\.other_config)),
    ]
    static let xeFieldIndex = ModelledField<PIF>.xeIndex(fields)
}

extension Bond: ModelledRecord {
    static let fields: [ModelledField<Bond>] = [
        .init("master", xe: "master", .reference(\.master)),
        .init("slaves", xe: "slaves", .references(\.slaves)),
        .init("mode", xe: "mode", .text(\.mode)),
        .init("links_up", xe: "links-up", .number(\.links_up)),
        .init("primary_slave", xe: "primary-slave", .reference(\.primary_slave)),
    ]
    static let xeFieldIndex = ModelledField<Bond>.xeIndex(fields)
}

extension Network: ModelledRecord {
    static let fields: [ModelledField<Network>] = [
        .init("name_label", xe: "name-label", .text(\.name_label)),
        .init("name_description", xe: "name-description", .text(\.name_description)),
        .init("bridge", xe: "bridge", .text(\.bridge)),
        .init("MTU", xe: "MTU", .number(\.MTU)),
        .init("PIFs", xe: "PIF-uuids", .references(\.PIFs)),
    ]
    static let xeFieldIndex = ModelledField<Network>.xeIndex(fields)
}

extension VLAN: ModelledRecord {
    static let fields: [ModelledField<VLAN>] = [
        .init("tagged_PIF", xe: "tagged-PIF", .reference(\.tagged_PIF)),
        .init("untagged_PIF", xe: "untagged-PIF", .reference(\.untagged_PIF)),
        .init("tag", xe: "tag", .number(\.tag)),
    ]
    static let xeFieldIndex = ModelledField<VLAN>.xeIndex(fields)
}

extension Tunnel: ModelledRecord {
    static let fields: [ModelledField<Tunnel>] = [
        .init("access_PIF", xe: "access-PIF", .reference(\.access_PIF)),
        .init("transport_PIF", xe: "transport-PIF", .reference(\.transport_PIF)),
    ]
    static let xeFieldIndex = ModelledField<Tunnel>.xeIndex(fields)
}

extension SR: ModelledRecord {
    /// `host` is xe's derived column (the host's name, or `<shared>`); XAPI has no such
    /// field, so XapiRecordMapper derives it from the SR's PBDs.
    static let fields: [ModelledField<SR>] = [
        .init("name_label", xe: "name-label", .text(\.name_label)),
        .init("name_description", xe: "name-description", .text(\.name_description)),
        .init("type", xe: "type", .text(\.type)),
        .init("content_type", xe: "content-type", .text(\.content_type)),
        .init("shared", xe: "shared", .flag(\.shared)),
        .init("PBDs", xe: "PBDs", .references(\.PBDs)),
        .init("host", xe: "host", .text(\.host)),
        .init("other_config", xe: "other-config", .map(\.other_config)),
    ]
    static let xeFieldIndex = ModelledField<SR>.xeIndex(fields)
}

extension PBD: ModelledRecord {
    static let fields: [ModelledField<PBD>] = [
        // `host` is the deprecated spelling of `host-uuid`.
        .init("host", xe: ["host-uuid", "host"], .reference(\.host)),
        .init("host_name_label", xe: "host-name-label", .nameLabel(of: "host", \.host_name_label)),
        .init("SR", xe: "sr-uuid", .reference(\.SR)),
        .init("SR_name_label", xe: "sr-name-label", .nameLabel(of: "SR", \.SR_name_label)),
        .init("device_config", xe: "device-config", .secretMap(\.device_config)),
        .init("currently_attached", xe: "currently-attached", .flag(\.currently_attached)),
        .init("other_config", xe: "other-config", .map(\.other_config)),
    ]
    static let xeFieldIndex = ModelledField<PBD>.xeIndex(fields)
}

extension VM: ModelledRecord {
    static let fields: [ModelledField<VM>] = [
        .init("name_label", xe: "name-label", .text(\.name_label)),
        .init("power_state", xe: "power-state", .text(\.power_state)),
        .init("is_control_domain", xe: "is-control-domain", .flag(\.is_control_domain)),
        .init("is_a_template", xe: "is-a-template", .flag(\.is_a_template)),
        .init("resident_on", xe: "resident-on", .reference(\.resident_on)),
        .init("other_config", xe: "other-config", .map(\.other_config)),
    ]
    static let xeFieldIndex = ModelledField<VM>.xeIndex(fields)
}
