// xe field names (xen-api ocaml/xapi-cli-server/records.ml) onto XenAPI field names,
// for the pool and host classes.

extension Pool: XeDecodable {
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String? {
        switch xeName {
        case "name-label": name_label = value.string; return "name_label"
        case "name-description": name_description = value.string; return "name_description"
        case "master": master = try value.reference(); return "master"
        case "default-SR": default_SR = try value.reference(); return "default_SR"
        case "crash-dump-SR": crash_dump_SR = try value.reference(); return "crash_dump_SR"
        case "suspend-image-SR": suspend_image_SR = try value.reference(); return "suspend_image_SR"
        case "ha-enabled": ha_enabled = try value.bool(); return "ha_enabled"
        case "other-config": other_config = try value.map(); return "other_config"
        default: return nil
        }
    }
}

extension Host: XeDecodable {
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String? {
        switch xeName {
        case "name-label": name_label = value.string; return "name_label"
        case "name-description": name_description = value.string; return "name_description"
        case "hostname": hostname = value.string; return "hostname"
        case "address": address = value.string; return "address"
        case "enabled": enabled = try value.bool(); return "enabled"
        case "software-version": software_version = try value.map(); return "software_version"
        case "API-version-major": API_version_major = try value.int(); return "API_version_major"
        case "API-version-minor": API_version_minor = try value.int(); return "API_version_minor"
        case "cpu_info": cpu_info = try value.map(); return "cpu_info"
        case "edition": edition = value.string; return "edition"
        case "external-auth-type": external_auth_type = value.string; return "external_auth_type"
        case "suspend-image-sr-uuid": suspend_image_sr = try value.reference(); return "suspend_image_sr"
        case "crash-dump-sr-uuid": crash_dump_sr = try value.reference(); return "crash_dump_sr"
        case "multipathing": multipathing = try value.bool(); return "multipathing"
        case "other-config": other_config = try value.map(); return "other_config"
        default: return nil
        }
    }
}
