import Testing
@testable import Addressing

@Suite("Address text properties")
struct AddressTextPropertyTests {
    @Test func ipv4DescriptionRoundTrips() {
        forAll("ipv4 parse(description(x)) == x", cases: 20_000) { rng in
            let address = rng.ipv4()
            let text = address.description
            guard IPv4Address(text) == address, IPAddress(text) == .v4(address) else {
                return "\(address.value) -> \(text) did not parse back"
            }
            return nil
        }
    }

    @Test func ipv4ParsesTextBuiltFromOctets() {
        forAll("ipv4 octet text parses to the octets' value", cases: 20_000) { rng in
            let octets = (0..<4).map { _ in UInt32.random(in: 0...255, using: &rng) }
            let text = octets.map(String.init).joined(separator: ".")
            let expected = octets.reduce(0) { $0 << 8 | $1 }
            guard IPv4Address(text)?.value == expected, IPv4Address(expected).description == text else {
                return "\(text) parsed as \(String(describing: IPv4Address(text)?.value)), expected \(expected)"
            }
            return nil
        }
    }

    @Test func ipv4RejectsLeadingZerosAndOutOfRangeOctets() {
        forAll("ipv4 leading zero or octet > 255 is refused", cases: 10_000) { rng in
            var parts = (0..<4).map { _ in String(Int.random(in: 0...255, using: &rng)) }
            let position = Int.random(in: 0..<4, using: &rng)
            parts[position] = rng.chance(50)
                ? "0" + parts[position]
                : String(Int.random(in: 256...99_999, using: &rng))
            let text = parts.joined(separator: ".")
            return IPv4Address(text) == nil ? nil : "\(text) was accepted"
        }
    }

    @Test func ipv6DescriptionRoundTrips() {
        forAll("ipv6 parse(description(x)) == x", cases: 20_000) { rng in
            let address = rng.ipv6()
            let text = address.description
            guard IPv6Address(text) == address, IPAddress(text) == .v6(address) else {
                return "\(address.groups) -> \(text) did not parse back"
            }
            return nil
        }
    }

    @Test func ipv6DescriptionIsRFC5952Canonical() {
        forAll("ipv6 description follows RFC 5952", cases: 20_000) { rng in
            let address = rng.ipv6()
            let text = address.description
            if let mapped = address.ipv4Mapped {
                return text == "::ffff:\(mapped)" ? nil : "\(text) is not mixed notation"
            }
            return Self.canonicalProblem(text, groups: address.groups).map { "\(text): \($0)" }
        }
    }

    @Test func ipv6ParsesEveryTextFormOfTheSameAddress() {
        forAll("ipv6 random RFC 4291 text forms parse to the address", cases: 30_000) { rng in
            let groups = rng.ipv6Groups()
            let text = Reference.ipv6Text(groups, using: &rng)
            guard let parsed = IPv6Address(text) else { return "\(text) was refused" }
            return parsed.groups == groups ? nil : "\(text) parsed as \(parsed.groups), expected \(groups)"
        }
    }

    @Test func ipv6HighLowMatchGroups() {
        forAll("ipv6 high/low hold groups 0-3 and 4-7", cases: 10_000) { rng in
            let groups = rng.ipv6Groups()
            let address = IPv6Address(groups: groups)
            let high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
            let low = groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
            guard address.high == high, address.low == low, address.groups == groups,
                  IPv6Address(high: high, low: low) == address else {
                return "\(groups) gave high \(address.high) low \(address.low)"
            }
            return nil
        }
    }

    @Test func orderingMatchesNumericOrder() {
        forAll("ordering: v4 numeric, v6 numeric, all v4 before v6", cases: 20_000) { rng in
            let a = rng.ipAddress()
            let b = rng.ipAddress()
            let expected: Bool
            switch (a, b) {
            case let (.v4(x), .v4(y)): expected = x.value < y.value
            case let (.v6(x), .v6(y)): expected = x.groups.lexicographicallyPrecedes(y.groups)
            case (.v4, .v6): expected = true
            case (.v6, .v4): expected = false
            }
            return (a < b) == expected ? nil : "\(a) < \(b) gave \(a < b)"
        }
    }

    @Test func successorAndPredecessorStepByOne() {
        forAll("successor/predecessor step by one and stop at the ends", cases: 10_000) { rng in
            let address = rng.chance(10) ? rng.pick([
                IPAddress.v4(IPv4Address(0)), .v4(IPv4Address(.max)),
                .v6(IPv6Address(high: 0, low: 0)), .v6(IPv6Address(high: .max, low: .max)),
                .v6(IPv6Address(high: 7, low: .max)), .v6(IPv6Address(high: 7, low: 0)),
            ]) : rng.ipAddress()
            if let next = address.successor() {
                guard next > address, next.predecessor() == address else { return "successor of \(address) is \(next)" }
            } else if address != .v4(IPv4Address(.max)) && address != .v6(IPv6Address(high: .max, low: .max)) {
                return "\(address) has no successor"
            }
            if let previous = address.predecessor() {
                guard previous < address, previous.successor() == address else { return "predecessor of \(address) is \(previous)" }
            } else if address != .v4(IPv4Address(0)) && address != .v6(IPv6Address(high: 0, low: 0)) {
                return "\(address) has no predecessor"
            }
            return nil
        }
    }

    /// What is wrong with `text` as the RFC 5952 form of `groups`, checked
    /// from the text itself: lowercase, no leading zeros, "::" only for the
    /// longest (first on a tie) run of two or more zero groups.
    static func canonicalProblem(_ text: String, groups: [UInt16]) -> String? {
        guard text.allSatisfy({ "0123456789abcdef:".contains($0) }) else { return "not lowercase hex" }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false)
        guard halves.count <= 2 else { return "more than one ::" }
        let written = halves.map { $0.isEmpty ? [] : $0.split(separator: ":", omittingEmptySubsequences: false) }
        for group in written.joined() where group.isEmpty || group.count > 4 || (group.count > 1 && group.first == "0") {
            return "group '\(group)' is empty, too long or zero-padded"
        }
        let values = written.map { $0.map { UInt16($0, radix: 16)! } }
        let zeroRuns = Self.zeroRuns(groups)
        let longest = zeroRuns.map(\.count).max() ?? 0
        if values.count == 1 {
            guard values[0] == groups else { return "groups differ" }
            return longest >= 2 ? "a run of \(longest) zero groups was not compressed" : nil
        }
        let compressed = 8 - values[0].count - values[1].count
        let start = values[0].count
        guard values[0] + [UInt16](repeating: 0, count: max(compressed, 0)) + values[1] == groups else { return "groups differ" }
        guard compressed >= 2 else { return ":: stands for \(compressed) group(s)" }
        guard compressed == longest else { return "compressed \(compressed) zero groups, longest run is \(longest)" }
        guard zeroRuns.first(where: { $0.count == longest })?.lowerBound == start else {
            return "compressed a later run of equal length"
        }
        return nil
    }

    static func zeroRuns(_ groups: [UInt16]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            let start = index
            while index < groups.count && groups[index] == 0 { index += 1 }
            runs.append(start..<index)
        }
        return runs
    }
}
