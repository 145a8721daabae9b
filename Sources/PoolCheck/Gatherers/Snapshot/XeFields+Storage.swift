// xe field names (xen-api ocaml/xapi-cli-server/records.ml) onto XenAPI field names,
// for storage (SR, PBD) and VMs.

extension SR: XeDecodable {
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String? {
        switch xeName {
        case "name-label": name_label = value.string; return "name_label"
        case "name-description": name_description = value.string; return "name_description"
        case "type": type = value.string; return "type"
        case "content-type": content_type = value.string; return "content_type"
        case "shared": shared = try value.bool(); return "shared"
        case "PBDs": PBDs = try value.references(); return "PBDs"
        case "host": host = value.string; return "host"
        case "other-config": other_config = try value.map(); return "other_config"
        default: return nil
        }
    }
}

extension PBD: XeDecodable {
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String? {
        switch xeName {
        // `host` is the deprecated spelling of `host-uuid`; both name the same field.
        case "host-uuid", "host": host = try value.reference(); return "host"
        case "host-name-label": host_name_label = value.string; return "host_name_label"
        case "sr-uuid": SR = try value.reference(); return "SR"
        case "sr-name-label": SR_name_label = value.string; return "SR_name_label"
        case "device-config": device_config = try value.map(); return "device_config"
        case "currently-attached": currently_attached = try value.bool(); return "currently_attached"
        case "other-config": other_config = try value.map(); return "other_config"
        default: return nil
        }
    }
}

extension VM: XeDecodable {
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String? {
        switch xeName {
        case "name-label": name_label = value.string; return "name_label"
        case "power-state": power_state = value.string; return "power_state"
        case "is-control-domain": is_control_domain = try value.bool(); return "is_control_domain"
        case "is-a-template": is_a_template = try value.bool(); return "is_a_template"
        case "resident-on": resident_on = try value.reference(); return "resident_on"
        case "other-config": other_config = try value.map(); return "other_config"
        default: return nil
        }
    }
}
