import Testing
@testable import Addressing

@Suite("Netmask properties")
struct NetmaskPropertyTests {
    @Test(arguments: 0...32)
    func dottedAndBackForEveryPrefixLength(prefixLength: Int) throws {
        let dotted = try Netmask.dotted(prefixLength: prefixLength)
        #expect(dotted == Reference.dottedMask(prefixLength))
        #expect(try Netmask.prefixLength(dotted: dotted) == prefixLength)
        let value = try #require(IPv4Address(dotted)).value
        let hex = String(value, radix: 16)
        let padded = String(repeating: "0", count: 8 - hex.count) + hex
        // ifconfig forms: BSD "0xfffffff0", Solaris "fffffff0"; any case.
        for form in ["0x" + padded, "0X" + padded.uppercased(), padded] {
            #expect(try Netmask.prefixLength(dotted: form) == prefixLength, "\(form)")
        }
    }

    @Test func everyOneAndTwoBitFlipOfEveryMaskIsJudgedLikeTheReference() {
        var checked = 0
        var wrong: [String] = []
        for prefixLength in 0...32 {
            let mask = Netmask.value(prefixLength: prefixLength)
            for first in 0..<32 {
                for second in first..<32 {
                    // second == first: a single flip; otherwise two.
                    let flipped = second == first ? mask ^ (1 << UInt32(first)) : mask ^ (1 << UInt32(first)) ^ (1 << UInt32(second))
                    checked += 1
                    if let problem = Self.verdictProblem(flipped) { wrong.append(problem) }
                }
            }
        }
        #expect(checked == 33 * 528)
        #expect(wrong.isEmpty, "\(wrong.count) wrong verdicts, e.g. \(wrong.prefix(5))")
    }

    @Test func randomMasksAreJudgedLikeTheReference() {
        forAll("random 32-bit masks: contiguous accepted with popcount, others refused", cases: 30_000) { rng in
            let value: UInt32
            if rng.chance(50) {
                // A contiguous mask with some random low bits set: near misses.
                let p = Int.random(in: 0...32, using: &rng)
                value = Netmask.value(prefixLength: p) | (UInt32.random(in: .min ... .max, using: &rng) >> UInt32(Int.random(in: 0...32, using: &rng) % 32))
            } else {
                value = UInt32.random(in: .min ... .max, using: &rng)
            }
            return Self.verdictProblem(value)
        }
    }

    @Test func outOfRangePrefixLengthsAreRefused() {
        for prefixLength in [Int.min, -1, 33, 64, 128, Int.max] {
            #expect(throws: AddressingError.invalidPrefixLength("/\(prefixLength) is not a valid IPv4 prefix length")) {
                try Netmask.dotted(prefixLength: prefixLength)
            }
        }
    }

    @Test func textThatIsNoMaskIsRefusedAsInvalidAddress() {
        for text in ["", "255.255.255", "255.255.255.0.0", "0xfffffff", "0xfffffff00", "fffffff", "0xgfffffff",
                     " 255.255.255.0", "255.255.255.0 ", "-0xfffffff0", "0x-ffffff0", "+ffffff00", "255.255.255.00", "/24", "24"] {
            do {
                let length = try Netmask.prefixLength(dotted: text)
                Issue.record("\(text.debugDescription) accepted as /\(length)")
            } catch AddressingError.invalidAddress(let message) {
                #expect(message.contains("is not a netmask"), "\(message)")
            } catch {
                Issue.record("\(text.debugDescription) gave \(error)")
            }
        }
    }

    /// nil when `Netmask.prefixLength` treats the dotted and hex forms of
    /// `value` the way the bit-loop reference says it should.
    static func verdictProblem(_ value: UInt32) -> String? {
        let dotted = IPv4Address(value).description
        for text in [dotted, "0x" + String(value, radix: 16).leftPadded(to: 8)] {
            do {
                let length = try Netmask.prefixLength(dotted: text)
                guard Reference.isContiguous(value), length == value.nonzeroBitCount else {
                    return "\(text) accepted as /\(length)"
                }
            } catch AddressingError.nonContiguousNetmask(let message) {
                guard !Reference.isContiguous(value) else { return "\(text) refused" }
                guard message.hasPrefix("netmask \(text)"), message.contains(dotted),
                      message.hasSuffix("is not contiguous (ones must come first)") else {
                    return "\(text): message \(message)"
                }
            } catch {
                return "\(text): unexpected \(error)"
            }
        }
        return nil
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
