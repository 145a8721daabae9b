@testable import Addressing

// Generators biased toward the edges where address code breaks: zero and
// all-ones octets and groups, long zero runs, IPv4-mapped addresses.
extension SplitMix64 {
    mutating func ipv4() -> IPv4Address {
        if chance(30) {
            let octets = (0..<4).map { _ in pick([0, 1, 9, 10, 99, 100, 199, 200, 249, 250, 254, 255] as [UInt32]) }
            return IPv4Address(octets.reduce(0) { $0 << 8 | $1 })
        }
        return IPv4Address(UInt32.random(in: .min ... .max, using: &self))
    }

    mutating func ipv6Groups() -> [UInt16] {
        if chance(10) {
            // IPv4-mapped.
            let v4 = ipv4().value
            return [0, 0, 0, 0, 0, 0xffff, UInt16(v4 >> 16), UInt16(truncatingIfNeeded: v4)]
        }
        let zeroPercent = pick([0, 20, 50, 80])
        return (0..<8).map { _ in
            if chance(zeroPercent) { return 0 }
            if chance(10) { return 0xffff }
            if chance(20) { return UInt16.random(in: 0...0xf, using: &self) }
            return UInt16.random(in: .min ... .max, using: &self)
        }
    }

    mutating func ipv6() -> IPv6Address {
        IPv6Address(groups: ipv6Groups())
    }

    mutating func ipAddress() -> IPAddress {
        chance(50) ? .v4(ipv4()) : .v6(ipv6())
    }

    mutating func prefixLength(for family: AddressFamily) -> Int {
        // Edge lengths often, any length otherwise.
        if chance(30) {
            let width = family.bitWidth
            return pick([0, 1, width / 2, width - 2, width - 1, width].filter { $0 >= 0 })
        }
        return Int.random(in: 0...family.bitWidth, using: &self)
    }

    mutating func subnet(family: AddressFamily) throws -> Subnet {
        let address: IPAddress = family == .v4 ? .v4(ipv4()) : .v6(ipv6())
        return try Subnet(address: address, prefixLength: prefixLength(for: family))
    }

    /// A second IPv4 subnet near `base` (same top bits) so pairs often nest or overlap.
    mutating func ipv4Subnet(near base: IPv4Address) throws -> Subnet {
        let keep = Int.random(in: 0...32, using: &self)
        let keepMask: UInt32 = keep == 0 ? 0 : ~UInt32(0) << UInt32(32 - keep)
        let value = (base.value & keepMask) | (UInt32.random(in: .min ... .max, using: &self) & ~keepMask)
        return try Subnet(address: .v4(IPv4Address(value)), prefixLength: Int.random(in: 0...32, using: &self))
    }
}

/// Reference arithmetic written independently of the module (division and
/// bit loops rather than masks), used as the oracle for prefix math.
enum Reference {
    /// First and last address of an IPv4 prefix as plain numbers.
    static func ipv4Range(_ value: UInt32, prefixLength: Int) -> (first: UInt64, last: UInt64) {
        let size = UInt64(1) << UInt64(32 - prefixLength)
        let first = UInt64(value) / size * size
        return (first, first + size - 1)
    }

    /// The groups of an IPv6 address with bits from `prefixLength` on set to `bit`.
    static func ipv6Edge(_ groups: [UInt16], prefixLength: Int, bit: Bool) -> [UInt16] {
        var result = groups
        for position in prefixLength..<128 {
            let group = position / 16
            let mask = UInt16(1) << UInt16(15 - position % 16)
            if bit { result[group] |= mask } else { result[group] &= ~mask }
        }
        return result
    }

    /// Ones first, then zeros, read bit by bit from the top.
    static func isContiguous(_ mask: UInt32) -> Bool {
        var seenZero = false
        for position in (0..<32).reversed() {
            let isOne = (mask >> UInt32(position)) & 1 == 1
            if isOne && seenZero { return false }
            if !isOne { seenZero = true }
        }
        return true
    }

    /// Dotted mask text built octet by octet.
    static func dottedMask(_ prefixLength: Int) -> String {
        (0..<4).map { octet in
            let ones = min(8, max(0, prefixLength - 8 * octet))
            return String(256 - (1 << (8 - ones)))
        }.joined(separator: ".")
    }

    /// Reference parsers: IPv4 as a regular expression, IPv6 by String
    /// splitting, both unlike the module's byte scanners. Made once per test
    /// (`Regex` is not Sendable, so it cannot be a shared static).
    struct Parsers {
        // Scalar semantics, so a digit followed by a combining mark is not a digit.
        private let ipv4Pattern: Regex<AnyRegexOutput> = {
            let octet = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])"
            guard let pattern = try? Regex("\(octet)\\.\(octet)\\.\(octet)\\.\(octet)") else {
                fatalError("the IPv4 reference pattern does not compile")
            }
            return pattern.matchingSemantics(.unicodeScalar)
        }()

        func ipv4(_ text: String) -> UInt32? {
            guard text.wholeMatch(of: ipv4Pattern) != nil else { return nil }
            return text.split(separator: ".").reduce(0) { $0 << 8 | UInt32($1)! }
        }

        func ipv6(_ text: String) -> [UInt16]? {
            var text = text
            var dottedTail: [UInt16] = []
            if let lastColon = text.lastIndex(of: ":") {
                let last = String(text[text.index(after: lastColon)...])
                if last.contains(".") {
                    guard let v4 = ipv4(last) else { return nil }
                    dottedTail = [UInt16(v4 >> 16), UInt16(truncatingIfNeeded: v4)]
                    text = String(text[...lastColon])
                    // "::1.2.3.4" leaves "::"; "1:2:3:4:5:6:1.2.3.4" leaves a trailing ":" to drop.
                    if !text.hasSuffix("::") { text.removeLast() }
                }
            }
            let halves = text.split(separator: "::", omittingEmptySubsequences: false)
            func groups(_ part: Substring) -> [UInt16]? {
                if part.isEmpty { return [] }
                var result: [UInt16] = []
                for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                    guard (1...4).contains(group.count),
                          group.allSatisfy({ "0123456789abcdefABCDEF".contains($0) }) else { return nil }
                    result.append(UInt16(group, radix: 16)!)
                }
                return result
            }
            switch halves.count {
            case 1:
                guard let all = groups(halves[0]), all.count + dottedTail.count == 8 else { return nil }
                return all + dottedTail
            case 2:
                guard let head = groups(halves[0]), let tail = groups(halves[1]) else { return nil }
                let known = head.count + tail.count + dottedTail.count
                guard known <= 7 else { return nil }
                return head + [UInt16](repeating: 0, count: 8 - known) + tail + dottedTail
            default:
                return nil
            }
        }
    }

    /// Renders groups in a random valid, usually non-canonical, RFC 4291 form:
    /// random case and zero padding, any zero run (even one group) compressed
    /// or none, and sometimes a dotted IPv4 tail.
    static func ipv6Text(_ groups: [UInt16], using rng: inout SplitMix64) -> String {
        let dottedTail = rng.chance(25)
        let hexCount = dottedTail ? 6 : 8
        var hex = groups[0..<hexCount].map { group -> String in
            var text = String(group, radix: 16)
            if rng.chance(30) { text = String(repeating: "0", count: 4 - text.count) + text }
            return rng.chance(40) ? text.uppercased() : text
        }
        var compressed: Range<Int>?
        if rng.chance(70) {
            var runs: [Range<Int>] = []
            var index = 0
            while index < hexCount {
                if groups[index] == 0 {
                    let start = index
                    while index < hexCount && groups[index] == 0 { index += 1 }
                    let end = Int.random(in: (start + 1)...index, using: &rng)
                    runs.append(Int.random(in: start..<end, using: &rng)..<end)
                } else {
                    index += 1
                }
            }
            compressed = runs.isEmpty ? nil : rng.pick(runs)
        }
        var tail = ""
        if dottedTail {
            tail = "\(groups[6] >> 8).\(groups[6] & 0xff).\(groups[7] >> 8).\(groups[7] & 0xff)"
        }
        guard let run = compressed else {
            return hex.joined(separator: ":") + (dottedTail ? ":" + tail : "")
        }
        hex = Array(hex[..<run.lowerBound]) + ["::"] + Array(hex[run.upperBound...])
        var text = ""
        for (index, part) in hex.enumerated() {
            if part == "::" {
                text += "::"
            } else {
                if index > 0 && hex[index - 1] != "::" { text += ":" }
                text += part
            }
        }
        if dottedTail {
            text += (text.hasSuffix("::") ? "" : ":") + tail
        }
        return text
    }
}
