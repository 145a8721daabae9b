/// IEEE 802.1AX LACP actor/partner state bits. Encodes as the names of the
/// bits that are set, so a report reads "synchronization, collecting, ...".
public struct LACPState: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let activity = LACPState(rawValue: 0x01)
    public static let shortTimeout = LACPState(rawValue: 0x02)
    public static let aggregation = LACPState(rawValue: 0x04)
    public static let synchronization = LACPState(rawValue: 0x08)
    public static let collecting = LACPState(rawValue: 0x10)
    public static let distributing = LACPState(rawValue: 0x20)
    public static let defaulted = LACPState(rawValue: 0x40)
    public static let expired = LACPState(rawValue: 0x80)

    static let names: [(LACPState, String)] = [
        (.activity, "activity"), (.shortTimeout, "short_timeout"),
        (.aggregation, "aggregation"), (.synchronization, "synchronization"),
        (.collecting, "collecting"), (.distributing, "distributing"),
        (.defaulted, "defaulted"), (.expired, "expired"),
    ]

    public var flagNames: [String] { LACPState.names.filter { contains($0.0) }.map(\.1) }
}

extension LACPState: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        var state = LACPState()
        for name in try container.decode([String].self) {
            guard let flag = LACPState.names.first(where: { $0.1 == name }) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "unknown LACP state bit: \(name)")
            }
            state.insert(flag.0)
        }
        self = state
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(flagNames)
    }
}

/// One side of an LACP exchange (actor or partner information TLV).
public struct LACPParticipant: Hashable, Sendable, Codable {
    public let systemPriority: UInt16
    public let system: MACAddress
    public let key: UInt16
    public let portPriority: UInt16
    public let port: UInt16
    public let state: LACPState

    public init(systemPriority: UInt16, system: MACAddress, key: UInt16,
                portPriority: UInt16, port: UInt16, state: LACPState) {
        self.systemPriority = systemPriority
        self.system = system
        self.key = key
        self.portPriority = portPriority
        self.port = port
        self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case systemPriority = "system_priority", system, key
        case portPriority = "port_priority", port, state
    }
}

/// An LACP PDU (slow protocols subtype 1).
public struct LACPPDU: Hashable, Sendable {
    public let version: UInt8
    public let actor: LACPParticipant?
    public let partner: LACPParticipant?
}

/// A frame of ethertype 0x8809.
public enum SlowProtocolPDU: Sendable, Hashable {
    case lacp(LACPPDU)
    case marker
    case other(subtype: UInt8)
}

enum SlowProtocolDecoder {
    static let lacpSubtype: UInt8 = 1
    static let markerSubtype: UInt8 = 2
    static let actorTLV: UInt8 = 1
    static let partnerTLV: UInt8 = 2
    /// Actor/partner TLV length including its type and length bytes.
    static let participantTLVLength = 20

    /// Decodes the slow-protocol payload at `offset`; nil if even the subtype is missing.
    static func decode(_ reader: ByteReader, at offset: Int) -> (SlowProtocolPDU, truncated: Bool)? {
        guard let subtype = reader.u8(offset) else { return nil }
        switch subtype {
        case lacpSubtype:
            guard let version = reader.u8(offset + 1) else {
                return (.lacp(LACPPDU(version: 0, actor: nil, partner: nil)), true)
            }
            var actor: LACPParticipant?
            var partner: LACPParticipant?
            var truncated = false
            // Walk the TLVs rather than trusting fixed offsets; stop at the
            // terminator, a bad length, or the end of the captured bytes.
            var cursor = offset + 2
            var steps = 0
            while steps < 16, let type = reader.u8(cursor), type != 0 {
                steps += 1
                guard let length = reader.u8(cursor + 1).map(Int.init), length >= 2 else {
                    truncated = reader.u8(cursor + 1) == nil
                    break
                }
                if type == actorTLV || type == partnerTLV {
                    guard length >= participantTLVLength else { break }
                    guard let participant = participant(reader, at: cursor + 2) else {
                        truncated = true
                        break
                    }
                    if type == actorTLV { actor = participant } else { partner = participant }
                }
                cursor += length
            }
            return (.lacp(LACPPDU(version: version, actor: actor, partner: partner)), truncated)
        case markerSubtype:
            return (.marker, false)
        default:
            return (.other(subtype: subtype), false)
        }
    }

    private static func participant(_ reader: ByteReader, at offset: Int) -> LACPParticipant? {
        guard let systemPriority = reader.u16(offset),
              let system = reader.u48(offset + 2),
              let key = reader.u16(offset + 8),
              let portPriority = reader.u16(offset + 10),
              let port = reader.u16(offset + 12),
              let state = reader.u8(offset + 14)
        else { return nil }
        return LACPParticipant(
            systemPriority: systemPriority, system: MACAddress(rawValue: system), key: key,
            portPriority: portPriority, port: port, state: LACPState(rawValue: state))
    }
}
