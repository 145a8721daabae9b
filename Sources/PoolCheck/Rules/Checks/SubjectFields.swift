/// One field a fact-assertion rule can name, as `poolcheck rules fields` lists it.
public struct SubjectField: Sendable, Equatable {
    public let name: String
    /// text, number, bool, map or list.
    public let kind: String
    public let description: String
}

extension FieldKind {
    /// The kind as a rule writer sees it: what `equals:` compares against.
    var word: String {
        switch self {
        case .text, .reference, .nameLabel: "text"
        case .flag: "bool"
        case .number: "number"
        case .texts, .references: "list"
        case .map, .secretMap: "map"
        }
    }
}

extension ModelledRecord {
    /// uuid plus every modelled field, described.
    static var subjectFields: [SubjectField] {
        [SubjectField(name: "uuid", kind: "text", description: "the object's uuid")]
            + fields.map { SubjectField(name: $0.name, kind: $0.kind.word, description: fieldDescriptions[$0.name] ?? "xe \($0.xeNames[0])") }
    }
}

/// Short descriptions by XenAPI name (the same name means the same thing in each class).
private let fieldDescriptions: [String: String] = [
    "name_label": "the name shown in XenCenter and xe",
    "name_description": "free-text description (anyone who can edit the object sets it)",
    "master": "uuid of the pool's master host",
    "default_SR": "uuid of the pool's default SR (empty when unset)",
    "crash_dump_SR": "uuid of the SR that receives crash dumps",
    "suspend_image_SR": "uuid of the SR that receives suspend images",
    "ha_enabled": "high availability switched on",
    "other_config": "free-form settings; address a key as other_config.KEY",
    "hostname": "the host's own hostname",
    "address": "the host's management IP address",
    "enabled": "the host accepts new VMs (not in maintenance)",
    "software_version": "product_brand, product_version, build_number, ...; address a key as software_version.KEY",
    "API_version_major": "XenAPI major version",
    "API_version_minor": "XenAPI minor version",
    "cpu_info": "vendor, model, cpu_count, ...; address a key as cpu_info.KEY",
    "edition": "licensed edition (free, per-socket, xcp-ng, ...)",
    "external_auth_type": "external authentication (AD) type; empty when none",
    "suspend_image_sr": "uuid of the host's suspend-image SR",
    "crash_dump_sr": "uuid of the host's crash-dump SR",
    "multipathing": "storage multipathing switched on (newer XAPI)",
    "device": "the NIC name (eth0, bond0, ...)",
    "MAC": "hardware address",
    "physical": "a real NIC (not a bond or VLAN)",
    "currently_attached": "plugged and up",
    "MTU": "maximum transmission unit in bytes",
    "VLAN": "VLAN tag; -1 when not a VLAN",
    "bond_master_of": "uuids of the bonds this PIF is the master of",
    "bond_slave_of": "uuid of the bond this PIF is a member of",
    "tunnel_access_PIF_of": "uuids of the tunnels this PIF gives access to",
    "management": "carries the host's management traffic",
    "network": "uuid of the PIF's network",
    "network_name_label": "name of the PIF's network",
    "host": "uuid of the PIF's host",
    "host_name_label": "name of the PIF's host",
    "ip_configuration_mode": "None, DHCP or Static",
    "IP": "IPv4 address",
    "netmask": "IPv4 netmask (dotted)",
    "gateway": "IPv4 gateway; empty when none",
    "IPv6": "IPv6 addresses",
    "disallow_unplug": "may not be unplugged (storage NICs usually set this)",
    "bridge": "the bridge device (xenbr0, ...)",
    "PIFs": "uuids of the network's PIFs",
]
