import Testing
@testable import Addressing

/// Hostile and near-miss text: never a crash, never a wrong acceptance.
/// Near misses come from mutating valid addresses, and the verdict is compared
/// with reference parsers written differently (a regular expression for IPv4,
/// String splitting for IPv6).
@Suite("Garbage and near-miss input")
struct GarbageInputTests {
    static let alphabet = Array("0123456789abcdefABCDEFxX:./%- +\t\n")
    static let exotic: [Character] = ["\u{0}", "\u{301}", "\u{ff10}", "\u{0660}", "é", "\u{200b}", "🙂", "\r\n"]

    @Test func randomGarbageNeverCrashesAndAgreesWithReferenceParsers() {
        let reference = Reference.Parsers()
        forAll("random strings: parsers agree with references", cases: 30_000) { rng in
            let length = Int.random(in: 0...48, using: &rng)
            let text = String((0..<length).map { _ in rng.chance(3) ? rng.pick(Self.exotic) : rng.pick(Self.alphabet) })
            return Self.disagreement(text, reference)
        }
    }

    @Test func mutatedAddressesAgreeWithReferenceParsers() {
        let reference = Reference.Parsers()
        forAll("mutated addresses: parsers agree with references", cases: 40_000) { rng in
            var text = Array(rng.chance(40)
                ? rng.ipv4().description
                : Reference.ipv6Text(rng.ipv6Groups(), using: &rng))
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                Self.mutate(&text, using: &rng)
            }
            return Self.disagreement(String(text), reference)
        }
    }

    @Test func invalidatingMutationsAreRefused() {
        forAll("certainly-invalid edits are refused", cases: 20_000) { rng in
            let address = rng.ipAddress()
            let text = address.description
            let bad: String
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: bad = " " + text
            case 1: bad = text + rng.pick([" ", "\n", "\t", "\u{0}"])
            case 2: bad = "+" + text
            case 3: bad = text + "%eth0"
            case 4: bad = text + rng.pick([".", ":1:2:3:4:5:6:7:8", ".0", "::1::"])
            case 5: bad = rng.pick(["", ".", ":", "::::", "1.2.3", "1.2.3.4.5"]) + (rng.chance(50) ? "" : "x")
            default: bad = String(text.dropLast()) + rng.pick(["g", "G", "-", "/", "\u{ff11}"])
            }
            guard IPAddress(bad) == nil, IPv4Address(bad) == nil, IPv6Address(bad) == nil else {
                return "\(bad.debugDescription) was accepted"
            }
            return nil
        }
    }

    @Test func subnetParsingNeverCrashesAndRoundTrips() {
        forAll("random subnet text: refused with one-line error or round-trips", cases: 20_000) { rng in
            var text = Array(rng.chance(50) ? (try? rng.subnet(family: .v4))?.description ?? ""
                                             : (try? rng.subnet(family: .v6))?.description ?? "")
            if rng.chance(70) { Self.mutate(&text, using: &rng) }
            let candidate = String(text)
            do {
                let subnet = try Subnet(parsing: candidate)
                guard Subnet(subnet.description) == subnet,
                      (0...subnet.family.bitWidth).contains(subnet.prefixLength) else {
                    return "\(candidate.debugDescription) accepted as \(subnet) which does not round-trip"
                }
            } catch let error as AddressingError {
                guard !error.description.contains("\n"), error.description.count < 250 else {
                    return "error for \(candidate.debugDescription) is not one short line: \(error)"
                }
            } catch {
                return "unexpected error type \(error)"
            }
            return nil
        }
    }

    @Test func errorMessagesStayOneLineForHostileInput() throws {
        let hostile = "1.2.3.4\nFAILED: everything\r\n" + String(repeating: "9", count: 10_000)
        let error = try #require(throws: AddressingError.self) { try IPAddress(parsing: hostile) }
        #expect(!error.description.contains("\n"))
        #expect(!error.description.contains("\r"))
        #expect(error.description.count < 120)
        #expect(error.description.hasPrefix("'1.2.3.4\\u{a}FAILED"))
    }

    static func mutate(_ text: inout [Character], using rng: inout SplitMix64) {
        let position = text.isEmpty ? 0 : Int.random(in: 0..<text.count, using: &rng)
        switch Int.random(in: 0..<5, using: &rng) {
        case 0 where !text.isEmpty: text.remove(at: position)
        case 1: text.insert(rng.chance(10) ? rng.pick(exotic) : rng.pick(alphabet), at: position)
        case 2 where !text.isEmpty: text[position] = rng.pick(alphabet)
        case 3 where !text.isEmpty: text.insert(text[position], at: position)
        default:
            if text.count >= 2 {
                let other = Int.random(in: 0..<text.count, using: &rng)
                text.swapAt(position, other)
            }
        }
    }

    /// nil when the module's parsers give the same answer as the references.
    static func disagreement(_ text: String, _ reference: Reference.Parsers) -> String? {
        let v4 = IPv4Address(text)?.value
        let expectedV4 = reference.ipv4(text)
        guard v4 == expectedV4 else {
            return "IPv4 \(text.debugDescription): got \(String(describing: v4)), reference \(String(describing: expectedV4))"
        }
        let v6 = IPv6Address(text)?.groups
        let expectedV6 = text.contains("%") ? nil : reference.ipv6(text)
        guard v6 == expectedV6 else {
            return "IPv6 \(text.debugDescription): got \(String(describing: v6)), reference \(String(describing: expectedV6))"
        }
        let either = IPAddress(text)
        let expected: IPAddress? = v4.map { .v4(IPv4Address($0)) } ?? v6.map { .v6(IPv6Address(groups: $0)) }
        return either == expected ? nil : "IPAddress \(text.debugDescription) gave \(String(describing: either))"
    }
}
