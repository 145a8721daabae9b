// xe field names (xen-api ocaml/xapi-cli-server/records.ml) onto XenAPI field names,
// for the networking classes: PIF, Bond, Network, VLAN, Tunnel.

extension PIF: XeDecodable {
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String? {
        switch xeName {
        case "device": device = value.string; return "device"
        case "MAC": MAC = value.string; return "MAC"
        case "physical": physical = try value.bool(); return "physical"
        case "currently-attached": currently_attached = try value.bool(); return "currently_attached"
        case "MTU": MTU = try value.int(); return "MTU"
        case "VLAN": VLAN = try value.int(); return "VLAN"
        case "bond-master-of": bond_master_of = try value.references(); return "bond_master_of"
        case "bond-slave-of": bond_slave_of = try value.reference(); return "bond_slave_of"
        case "tunnel-access-PIF-of": tunnel_access_PIF_of = try value.references(); return "tunnel_access_PIF_of"
        case "management": management = try value.bool(); return "management"
        case "network-uuid": network = try value.reference(); return "network"
        case "network-name-label": network_name_label = value.string; return "network_name_label"
        case "host-uuid": host = try value.reference(); return "host"
        case "host-name-label": host_name_label = value.string; return "host_name_label"
        case "IP-configuration-mode": ip_configuration_mode = value.string; return "ip_configuration_mode"
        case "IP": IP = value.string; return "IP"
        case "netmask": netmask = value.string; return "netmask"
        case "gateway": gateway = value.string; return "gateway"
        case "IPv6": IPv6 = value.set(); return "IPv6"
        case "disallow-unplug": disallow_unplug = try value.bool(); return "disallow_unplug"
        case "other-config": other_config = try value.map(); return "other_config"
        default: return nil
        }
    }
}

extension Bond: XeDecodable {
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String? {
        switch xeName {
        case "master": master = try value.reference(); return "master"
        case "slaves": slaves = try value.references(); return "slaves"
        case "mode": mode = value.string; return "mode"
        case "links-up": links_up = try value.int(); return "links_up"
        case "primary-slave": primary_slave = try value.reference(); return "primary_slave"
        default: return nil
        }
    }
}

extension Network: XeDecodable {
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String? {
        switch xeName {
        case "name-label": name_label = value.string; return "name_label"
        case "name-description": name_description = value.string; return "name_description"
        case "bridge": bridge = value.string; return "bridge"
        case "MTU": MTU = try value.int(); return "MTU"
        case "PIF-uuids": PIFs = try value.references(); return "PIFs"
        default: return nil
        }
    }
}

extension VLAN: XeDecodable {
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String? {
        switch xeName {
        case "tagged-PIF": tagged_PIF = try value.reference(); return "tagged_PIF"
        case "untagged-PIF": untagged_PIF = try value.reference(); return "untagged_PIF"
        case "tag": tag = try value.int(); return "tag"
        default: return nil
        }
    }
}

extension Tunnel: XeDecodable {
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String? {
        switch xeName {
        case "access-PIF": access_PIF = try value.reference(); return "access_PIF"
        case "transport-PIF": transport_PIF = try value.reference(); return "transport_PIF"
        default: return nil
        }
    }
}
