import Addressing

/// A 48-bit Ethernet address. Encodes as "aa:bb:cc:dd:ee:ff".
public struct MACAddress: Hashable, Sendable, Comparable {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue & 0xFFFF_FFFF_FFFF }

    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }
        var value: UInt64 = 0
        for part in parts {
            guard part.count == 2, let byte = UInt8(part, radix: 16) else { return nil }
            value = value << 8 | UInt64(byte)
        }
        rawValue = value
    }

    public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Network-order bytes.
    public var bytes: [UInt8] {
        (0..<6).map { UInt8(truncatingIfNeeded: rawValue >> (40 - 8 * $0)) }
    }
}

extension MACAddress: CustomStringConvertible {
    public var description: String {
        bytes.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined(separator: ":")
    }
}

extension MACAddress: TextCodable {
    public init(parsing text: String) throws {
        guard let address = MACAddress(text) else { throw MACAddressError(text: text) }
        self = address
    }
}

struct MACAddressError: Error, CustomStringConvertible {
    let text: String
    var description: String { "not a MAC address: \(text)" }
}
