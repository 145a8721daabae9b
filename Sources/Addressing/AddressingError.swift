/// Why a piece of address text was refused.
///
/// Each payload is the complete one-line message for a person (it already
/// names the offending text), so `description` can be printed as is.
public enum AddressingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// e.g. "'300.1.1.1' is not an IPv4 or IPv6 address"
    case invalidAddress(String)
    /// e.g. "/33 is not a valid IPv4 prefix length"
    case invalidPrefixLength(String)
    /// e.g. "netmask 255.0.255.0 is not contiguous (ones must come first)"
    case nonContiguousNetmask(String)
    /// e.g. "netmask 255.255.255.0 is IPv4 but address fe80:: is IPv6"
    case familyMismatch(String)

    public var description: String {
        switch self {
        case .invalidAddress(let message),
             .invalidPrefixLength(let message),
             .nonContiguousNetmask(let message),
             .familyMismatch(let message):
            return message
        }
    }
}

extension AddressingError {
    static func notAnAddress(_ text: String, expected: String = "an IPv4 or IPv6 address") -> AddressingError {
        .invalidAddress("\(quoted(text)) is not \(expected)")
    }
}

/// User text in single quotes, made safe for a one-line message.
func quoted(_ text: String) -> String {
    "'" + sanitized(text) + "'"
}

/// Control and invisible characters escaped and very long input shortened, so
/// a hostile or binary value cannot break a report line.
func sanitized(_ text: String) -> String {
    let limit = 64
    var out = ""
    var count = 0
    for scalar in text.unicodeScalars {
        if count == limit {
            out += "…"
            break
        }
        count += 1
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
            out += "\\u{" + String(scalar.value, radix: 16) + "}"
        default:
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
