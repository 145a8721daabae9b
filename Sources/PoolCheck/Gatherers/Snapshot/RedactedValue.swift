import Addressing

/// Addresses a person masked or cut before pasting a transcript (`MAC ( RO): xx:2f:xx:xx:1x`,
/// `IP ( RO): 172.16.x.x`, a MAC of `9`). Such a value is no evidence: it is kept as
/// unknown, so rules say "no evidence" instead of judging a value that never existed.
enum RedactedValue {
    /// Why the value xe printed for `xeName` cannot be the real one, or nil when it can.
    /// Only fields that hold addresses are checked; an empty value is "not set", not cut.
    static func reason(field xeName: String, _ value: String) -> String? {
        guard !value.isEmpty, value != XeValue.notInDatabase else { return nil }
        // Only the names below are checked: most fields end here without a String comparison.
        switch xeName.utf8.count {
        case 2, 3, 4, 7, 8, 13: break
        default: return nil
        }
        switch xeName {
        case "MAC":
            return isMAC(value) ? nil : "\"\(value)\" is not a whole MAC address (redacted or cut?)"
        case "IP", "netmask", "gateway":
            return IPAddress(value) != nil ? nil : "\"\(value)\" is not a whole IP address (redacted or cut?)"
        case "address":
            // A host's address is an IP; a DNS name is possible, a cut dotted quad is not.
            if IPAddress(value) != nil { return nil }
            let dotted = value.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ".") }
            return dotted || looksMasked(value) ? "\"\(value)\" is not a whole IP address (redacted or cut?)" : nil
        case "IPv6":
            let items = value.splitting(on: ";").map { $0.trimmingBlanks }.filter { !$0.isEmpty }
            let bad = items.first { IPAddress(String($0.splitting(on: "/").first ?? "")) == nil }
            return bad.map { "\"\($0)\" is not a whole IPv6 address (redacted or cut?)" }
        case "hostname":
            return looksMasked(value) ? "\"\(value)\" looks redacted" : nil
        case "device-config":
            let masked = value.splitting(on: ";").lazy.compactMap { entry -> String? in
                guard let colon = entry.firstIndex(of: ":") else { return nil }
                let item = entry[entry.index(after: colon)...].trimmingBlanks
                return looksMasked(item) ? item : nil
            }.first
            return masked.map { "\"\($0)\" looks redacted" }
        default:
            return nil
        }
    }

    /// Six pairs of hex digits split by `:` or `-`, as XAPI prints a MAC.
    static func isMAC(_ value: String) -> Bool {
        let parts = value.splitting(on: ":", omittingEmptySubsequences: false)
        let pieces = parts.count == 6 ? parts : value.splitting(on: "-", omittingEmptySubsequences: false)
        return pieces.count == 6 && pieces.allSatisfy { piece in
            piece.utf8.count == 2 && piece.utf8.allSatisfy(isHexDigit)
        }
    }

    /// An address with parts masked by `x` or `*` (`172.16.x.x`, `10.*.*.5`, `xx:2f:xx`),
    /// or a placeholder (`<redacted>`, `XXXX`, `***`).
    static func looksMasked(_ value: String) -> Bool {
        if namesPlaceholder(value) { return true }
        if value.utf8.count >= 2, value.utf8.allSatisfy({ $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") || $0 == UInt8(ascii: "*") }) {
            return true
        }
        if value.isPlainASCII {
            // As below, byte by byte: at least three parts, only hex digits and masks, a mask.
            var parts = 1, masked = false
            for byte in value.utf8 {
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":") { parts += 1 }
                else if byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") || byte == UInt8(ascii: "*") { masked = true }
                else if !isHexDigit(byte) { return false }
            }
            return parts >= 3 && masked
        }
        let parts = value.split(omittingEmptySubsequences: false) { $0 == "." || $0 == ":" }
        guard parts.count >= 3 else { return false }
        var masked = false
        for part in parts {
            guard !part.isEmpty else { continue } // `::` in IPv6
            for byte in part.utf8 {
                if byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") || byte == UInt8(ascii: "*") { masked = true }
                else if !isHexDigit(byte) { return false }
            }
        }
        return masked
    }

    /// `redacted`, `removed` or `hidden` in any case: byte by byte for ASCII text (every
    /// address a transcript shows), as lowercased Strings otherwise.
    private static func namesPlaceholder(_ value: String) -> Bool {
        guard value.utf8.allSatisfy({ $0 < 0x80 }) else {
            let lower = value.lowercased()
            return lower.contains("redacted") || lower.contains("removed") || lower.contains("hidden")
        }
        let bytes = Array(value.utf8)
        func has(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            return word.withUTF8Buffer { wanted in
                for offset in 0...(bytes.count - count) {
                    var index = 0
                    while index < count {
                        let byte = bytes[offset + index]
                        if (byte >= 65 && byte <= 90 ? byte + 32 : byte) != wanted[index] { break }
                        index += 1
                    }
                    if index == count { return true }
                }
                return false
            }
        }
        return has("redacted") || has("removed") || has("hidden")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }
}
