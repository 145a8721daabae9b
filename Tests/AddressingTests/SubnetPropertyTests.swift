import Testing
@testable import Addressing

@Suite("Subnet properties")
struct SubnetPropertyTests {
    @Test func ipv4RangeMatchesReferenceArithmetic() throws {
        forAll("ipv4 network/last/broadcast/count match division arithmetic", cases: 20_000) { rng in
            guard let subnet = try? rng.subnet(family: .v4), case .v4(let address) = subnet.address else {
                return "generator failed"
            }
            let p = subnet.prefixLength
            let (first, last) = Reference.ipv4Range(address.value, prefixLength: p)
            guard subnet.network == .v4(IPv4Address(UInt32(first))),
                  subnet.firstAddress == subnet.network,
                  subnet.lastAddress == .v4(IPv4Address(UInt32(last))),
                  subnet.addressCount == last - first + 1,
                  subnet.broadcast == (p <= 30 ? subnet.lastAddress : nil),
                  subnet.netmask.description == Reference.dottedMask(p),
                  subnet.hasHostBitsSet == (UInt64(address.value) != first) else {
                return "\(subnet): network \(subnet.network) last \(subnet.lastAddress) count \(subnet.addressCount)"
            }
            return nil
        }
    }

    @Test func ipv6RangeMatchesReferenceBitLoop() {
        forAll("ipv6 network/last/count match a bit-by-bit reference", cases: 20_000) { rng in
            guard let subnet = try? rng.subnet(family: .v6), case .v6(let address) = subnet.address else {
                return "generator failed"
            }
            let p = subnet.prefixLength
            let network = Reference.ipv6Edge(address.groups, prefixLength: p, bit: false)
            let last = Reference.ipv6Edge(address.groups, prefixLength: p, bit: true)
            let mask = Reference.ipv6Edge([UInt16](repeating: 0xffff, count: 8), prefixLength: p, bit: false)
            let count: UInt64 = 128 - p >= 64 ? .max : 1 << UInt64(128 - p)
            guard subnet.network == .v6(IPv6Address(groups: network)),
                  subnet.lastAddress == .v6(IPv6Address(groups: last)),
                  subnet.netmask == .v6(IPv6Address(groups: mask)),
                  subnet.broadcast == nil,
                  subnet.addressCount == count,
                  subnet.usableHostCount == count,
                  subnet.firstUsable == subnet.network,
                  subnet.lastUsable == subnet.lastAddress else {
                return "\(subnet): network \(subnet.network) last \(subnet.lastAddress) mask \(subnet.netmask)"
            }
            return nil
        }
    }

    @Test func containsExactlyTheRangeAtItsBoundaries() {
        forAll("contains network, last, written address; not one past either end", cases: 40_000) { rng in
            let family: AddressFamily = rng.chance(50) ? .v4 : .v6
            guard let subnet = try? rng.subnet(family: family) else { return "generator failed" }
            guard subnet.contains(subnet.network), subnet.contains(subnet.lastAddress),
                  subnet.contains(subnet.address) else {
                return "\(subnet) misses its own network, last or written address"
            }
            if let after = subnet.lastAddress.successor(), subnet.contains(after) {
                return "\(subnet) contains \(after), one past its last address"
            }
            if let before = subnet.network.predecessor(), subnet.contains(before) {
                return "\(subnet) contains \(before), one before its network"
            }
            let other: IPAddress = family == .v4 ? .v6(rng.ipv6()) : .v4(rng.ipv4())
            return subnet.contains(other) ? "\(subnet) contains \(other) of the other family" : nil
        }
    }

    @Test func canonicalAndTextFormsAgree() {
        forAll("canonical, description and dotted-mask text agree", cases: 20_000) { rng in
            let family: AddressFamily = rng.chance(50) ? .v4 : .v6
            guard let subnet = try? rng.subnet(family: family) else { return "generator failed" }
            let canonical = subnet.canonical
            guard canonical.address == subnet.network, canonical.prefixLength == subnet.prefixLength,
                  !canonical.hasHostBitsSet, canonical.canonical == canonical,
                  (subnet == canonical) == !subnet.hasHostBitsSet else {
                return "\(subnet) canonical is \(canonical)"
            }
            guard (try? Subnet(parsing: subnet.description)) == subnet, Subnet(subnet.description) == subnet else {
                return "\(subnet.description) does not parse back"
            }
            if family == .v4 {
                let dotted = "\(subnet.address)/\(Reference.dottedMask(subnet.prefixLength))"
                guard (try? Subnet(parsing: dotted)) == subnet,
                      (try? Subnet(address: subnet.address, netmask: Reference.dottedMask(subnet.prefixLength))) == subnet else {
                    return "\(dotted) is not \(subnet)"
                }
            }
            if subnet.prefixLength == family.bitWidth {
                guard (try? Subnet(parsing: subnet.address.description)) == subnet else {
                    return "bare \(subnet.address) is not /\(family.bitWidth)"
                }
            }
            return nil
        }
    }

    @Test func overlapsIsSymmetricAndMatchesIntervals() {
        forAll("overlaps: symmetric, == (a ∋ b.network || b ∋ a.network), == intervals intersect", cases: 40_000) { rng in
            guard let a = try? rng.subnet(family: .v4), case .v4(let base) = a.address,
                  let b = try? rng.ipv4Subnet(near: base),
                  case .v4(let aAddress) = a.address, case .v4(let bAddress) = b.address else {
                return "generator failed"
            }
            let ra = Reference.ipv4Range(aAddress.value, prefixLength: a.prefixLength)
            let rb = Reference.ipv4Range(bAddress.value, prefixLength: b.prefixLength)
            let intersect = ra.first <= rb.last && rb.first <= ra.last
            let formula = a.contains(b.network) || b.contains(a.network)
            guard a.overlaps(b) == b.overlaps(a), a.overlaps(b) == formula, a.overlaps(b) == intersect else {
                return "\(a) overlaps \(b): \(a.overlaps(b)), reverse \(b.overlaps(a)), intervals \(intersect)"
            }
            let nested = ra.first <= rb.first && rb.last <= ra.last
            guard a.contains(b) == nested else { return "\(a) contains \(b): \(a.contains(b)), intervals \(nested)" }
            return nil
        }
    }

    @Test func ipv6OverlapsIsSymmetric() {
        forAll("ipv6 overlaps: symmetric and == (a ∋ b.network || b ∋ a.network)", cases: 20_000) { rng in
            guard let a = try? rng.subnet(family: .v6), case .v6(let base) = a.address else { return "generator failed" }
            // Share a random number of leading groups so pairs often nest.
            var groups = rng.ipv6Groups()
            let shared = Int.random(in: 0...8, using: &rng)
            groups.replaceSubrange(0..<shared, with: base.groups[0..<shared])
            guard let b = try? Subnet(address: .v6(IPv6Address(groups: groups)), prefixLength: rng.prefixLength(for: .v6)) else {
                return "generator failed"
            }
            let formula = a.contains(b.network) || b.contains(a.network)
            let v4 = try? rng.subnet(family: .v4)
            guard a.overlaps(b) == b.overlaps(a), a.overlaps(b) == formula,
                  a.contains(b) == (a.prefixLength <= b.prefixLength && a.contains(b.address)),
                  let v4, !a.overlaps(v4), !v4.overlaps(a), !a.contains(v4), !v4.contains(a) else {
                return "\(a) overlaps \(b): \(a.overlaps(b)), reverse \(b.overlaps(a)), formula \(formula)"
            }
            return nil
        }
    }

    @Test func usableHostsMatchBruteForceForPrefixes20To32() throws {
        var enumerated = 0
        for prefixLength in 20...32 {
            forAll("ipv4 /\(prefixLength) usable hosts by enumeration", cases: 16) { rng in
                guard let subnet = try? Subnet(address: .v4(rng.ipv4()), prefixLength: prefixLength) else {
                    return "generator failed"
                }
                var address: IPAddress? = subnet.network
                var total: UInt64 = 0
                var reserved: [IPAddress] = []
                var usable: [IPAddress] = []
                while let current = address, subnet.contains(current) {
                    total += 1
                    if subnet.isNetworkOrBroadcast(current) { reserved.append(current) } else { usable.append(current) }
                    address = current.successor()
                }
                enumerated += Int(total)
                let expectedReserved = prefixLength <= 30 ? [subnet.network, subnet.lastAddress] : []
                guard total == subnet.addressCount,
                      UInt64(usable.count) == subnet.usableHostCount,
                      reserved == expectedReserved,
                      usable.first == subnet.firstUsable, usable.last == subnet.lastUsable else {
                    return "\(subnet): \(total) addresses, \(usable.count) usable (says \(subnet.usableHostCount)), reserved \(reserved)"
                }
                return nil
            }
        }
        #expect(enumerated > 100_000)
    }

    @Test func networkAndBroadcastAreTheOnlyReservedAddresses() {
        forAll("isNetworkOrBroadcast: exactly network and broadcast for /0-/30, none otherwise", cases: 20_000) { rng in
            let family: AddressFamily = rng.chance(70) ? .v4 : .v6
            guard let subnet = try? rng.subnet(family: family) else { return "generator failed" }
            let reserves = family == .v4 && subnet.prefixLength <= 30
            guard subnet.isNetworkOrBroadcast(subnet.network) == reserves,
                  subnet.isNetworkOrBroadcast(subnet.lastAddress) == reserves else {
                return "\(subnet): network/last reserved should be \(reserves)"
            }
            // Any other address, inside or outside, is not reserved.
            for _ in 0..<20 {
                let probe: IPAddress = family == .v4 ? .v4(rng.ipv4()) : .v6(rng.ipv6())
                if probe != subnet.network, probe != subnet.lastAddress, subnet.isNetworkOrBroadcast(probe) {
                    return "\(subnet) reserves \(probe)"
                }
            }
            for candidate in [subnet.firstUsable, subnet.lastUsable].compactMap({ $0 }) {
                guard subnet.contains(candidate), !subnet.isNetworkOrBroadcast(candidate) else {
                    return "\(subnet): usable edge \(candidate) is outside or reserved"
                }
            }
            return nil
        }
    }

    @Test func usableHostCountFormula() throws {
        for p in 0...32 {
            let subnet = try Subnet(address: .v4(IPv4Address(0x0A00_0000)), prefixLength: p)
            let size = UInt64(1) << UInt64(32 - p)
            let expected: UInt64 = p <= 30 ? size - 2 : (p == 31 ? 2 : 1)
            #expect(subnet.usableHostCount == expected, "/\(p)")
            #expect(subnet.addressCount == size, "/\(p)")
        }
        for p in 0...128 {
            let subnet = try Subnet(address: .v6(IPv6Address(high: 0x2001_0db8 << 32, low: 1)), prefixLength: p)
            let expected: UInt64 = p <= 64 ? .max : 1 << UInt64(128 - p)
            #expect(subnet.addressCount == expected, "/\(p)")
        }
    }

    @Test func prefixLengthOutOfRangeIsRefused() {
        forAll("prefix lengths outside 0...width are refused with a message", cases: 5_000) { rng in
            let address = rng.ipAddress()
            let width = address.family.bitWidth
            let bad = rng.chance(50) ? Int.random(in: (width + 1)...(width + 1000), using: &rng) : -Int.random(in: 1...1000, using: &rng)
            do {
                _ = try Subnet(address: address, prefixLength: bad)
                return "/\(bad) accepted for \(address)"
            } catch let error as AddressingError {
                let expected = AddressingError.invalidPrefixLength("/\(bad) is not a valid \(address.family) prefix length")
                guard error == expected else { return "got \(error)" }
                guard (try? Subnet(parsing: "\(address)/\(bad)")) == nil else { return "text /\(bad) accepted" }
                return nil
            } catch {
                return "unexpected \(error)"
            }
        }
    }
}
