// XenAPI classes, with the XenAPI field names (records.ml's xe names map onto these).
// Every field but uuid is optional: an `xe *-list` shows only some of them.

public struct Pool: XapiRecord {
    public var uuid: String
    public var name_label: String?
    public var name_description: String?
    /// uuid of the master host.
    public var master: String?
    /// uuid of the default SR; nil when unset (`<not in database>`) or not shown.
    public var default_SR: String?
    public var crash_dump_SR: String?
    public var suspend_image_SR: String?
    public var ha_enabled: Bool?
    public var other_config: [String: String]?
    /// XenAPI names of the fields that were shown (nil: all modelled fields were read,
    /// as from XAPI). Lets a rule tell "unset" from "not shown".
    public var shown: [String]?
    public init(uuid: String) { self.uuid = uuid }
}

public struct Host: XapiRecord {
    public var uuid: String
    public var name_label: String?
    public var name_description: String?
    public var hostname: String?
    public var address: String?
    public var enabled: Bool?
    public var software_version: [String: String]?
    public var API_version_major: Int?
    public var API_version_minor: Int?
    public var cpu_info: [String: String]?
    public var edition: String?
    public var external_auth_type: String?
    /// uuids of the host's own suspend-image and crash-dump SRs (xe `suspend-image-sr-uuid`).
    public var suspend_image_sr: String?
    public var crash_dump_sr: String?
    /// Storage multipathing switched on (newer XAPI); older hosts use other_config:multipathing.
    public var multipathing: Bool?
    /// Holds `multipathing: true` when storage multipathing is on (older hosts).
    public var other_config: [String: String]?
    /// XenAPI names of the fields that were shown (nil: all modelled fields were read,
    /// as from XAPI). Lets a rule tell "unset" from "not shown".
    public var shown: [String]?
    public init(uuid: String) { self.uuid = uuid }
}

public struct PIF: XapiRecord {
    public var uuid: String
    public var device: String?
    public var MAC: String?
    public var physical: Bool?
    public var currently_attached: Bool?
    public var MTU: Int?
    /// -1 when the PIF is not a VLAN.
    public var VLAN: Int?
    public var bond_master_of: [String]?
    public var bond_slave_of: String?
    public var tunnel_access_PIF_of: [String]?
    public var management: Bool?
    public var network: String?
    public var network_name_label: String?
    public var host: String?
    public var host_name_label: String?
    /// None, DHCP or Static.
    public var ip_configuration_mode: String?
    public var IP: String?
    public var netmask: String?
    public var gateway: String?
    public var IPv6: [String]?
    public var disallow_unplug: Bool?
    public var other_config: [String: String]?
    /// XenAPI names of the fields that were shown (nil: all modelled fields were read,
    /// as from XAPI). Lets a rule tell "unset" from "not shown".
    public var shown: [String]?
    public init(uuid: String) { self.uuid = uuid }
}

public struct Bond: XapiRecord {
    public var uuid: String
    /// uuid of the bond's master PIF.
    public var master: String?
    public var slaves: [String]?
    /// balance-slb, active-backup or lacp.
    public var mode: String?
    public var links_up: Int?
    public var primary_slave: String?
    /// XenAPI names of the fields that were shown (nil: all modelled fields were read,
    /// as from XAPI). Lets a rule tell "unset" from "not shown".
    public var shown: [String]?
    public init(uuid: String) { self.uuid = uuid }
}

public struct Network: XapiRecord {
    public var uuid: String
    public var name_label: String?
    public var name_description: String?
    public var bridge: String?
    public var MTU: Int?
    public var PIFs: [String]?
    /// XenAPI names of the fields that were shown (nil: all modelled fields were read,
    /// as from XAPI). Lets a rule tell "unset" from "not shown".
    public var shown: [String]?
    public init(uuid: String) { self.uuid = uuid }
}

public struct VLAN: XapiRecord {
    public var uuid: String
    public var tagged_PIF: String?
    public var untagged_PIF: String?
    public var tag: Int?
    /// XenAPI names of the fields that were shown (nil: all modelled fields were read,
    /// as from XAPI). Lets a rule tell "unset" from "not shown".
    public var shown: [String]?
    public init(uuid: String) { self.uuid = uuid }
}

public struct Tunnel: XapiRecord {
    public var uuid: String
    public var access_PIF: String?
    public var transport_PIF: String?
    /// XenAPI names of the fields that were shown (nil: all modelled fields were read,
    /// as from XAPI). Lets a rule tell "unset" from "not shown".
    public var shown: [String]?
    public init(uuid: String) { self.uuid = uuid }
}

public struct SR: XapiRecord {
    public var uuid: String
    public var name_label: String?
    public var name_description: String?
    public var type: String?
    public var content_type: String?
    public var shared: Bool?
    public var PBDs: [String]?
    /// xe's derived `host` column: `<shared>` when the SR has more than one PBD, else the
    /// name-label of its one host. Not a XenAPI field; kept verbatim as evidence.
    public var host: String?
    public var other_config: [String: String]?
    /// XenAPI names of the fields that were shown (nil: all modelled fields were read,
    /// as from XAPI). Lets a rule tell "unset" from "not shown".
    public var shown: [String]?
    public init(uuid: String) { self.uuid = uuid }
}

public struct PBD: XapiRecord {
    public var uuid: String
    public var host: String?
    public var host_name_label: String?
    public var SR: String?
    public var SR_name_label: String?
    public var device_config: [String: String]?
    public var currently_attached: Bool?
    public var other_config: [String: String]?
    /// XenAPI names of the fields that were shown (nil: all modelled fields were read,
    /// as from XAPI). Lets a rule tell "unset" from "not shown".
    public var shown: [String]?
    public init(uuid: String) { self.uuid = uuid }
}

public struct VM: XapiRecord {
    public var uuid: String
    public var name_label: String?
    /// Halted, Paused, Running or Suspended.
    public var power_state: String?
    public var is_control_domain: Bool?
    public var is_a_template: Bool?
    public var resident_on: String?
    public var other_config: [String: String]?
    /// XenAPI names of the fields that were shown (nil: all modelled fields were read,
    /// as from XAPI). Lets a rule tell "unset" from "not shown".
    public var shown: [String]?
    public init(uuid: String) { self.uuid = uuid }
}
