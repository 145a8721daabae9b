import Foundation
import Testing
import Addressing

@Suite("Address text examples")
struct AddressTextExampleTests {
    /// RFC 5952 section 4 (and its examples in sections 2 and 5).
    @Test(arguments: [
        ("2001:db8:0:0:0:0:2:1", "2001:db8::2:1"),
        ("2001:db8::0:1", "2001:db8::1"),
        ("2001:0db8::0001", "2001:db8::1"),            // 4.1: no leading zeros
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"), // 4.2.2: one zero group is not compressed
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),       // 4.2.3: the longest run
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), // 4.2.3: the first of equal runs
        ("2001:DB8::AAAA", "2001:db8::aaaa"),          // 4.3: lowercase
        ("2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa", "2001:db8:aaaa:bbbb:cccc:dddd:eeee:aaaa"),
        ("2001:db8:0:0:0::1", "2001:db8::1"),
        ("2001:db8::1:0:0:1", "2001:db8::1:0:0:1"),
        ("0:0:0:0:0:0:0:0", "::"),
        ("0:0:0:0:0:0:0:1", "::1"),
        ("1:0:0:0:0:0:0:0", "1::"),
        ("fe80:0000:0000:0000:0204:61ff:fe9d:f156", "fe80::204:61ff:fe9d:f156"),
        ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
        ("::ffff:172.16.0.34", "::ffff:172.16.0.34"),  // section 5: mixed notation for IPv4-mapped
        ("0:0:0:0:0:FFFF:AC10:0022", "::ffff:172.16.0.34"),
        ("::172.16.0.34", "::ac10:22"),                // IPv4-compatible (deprecated): plain hex
        ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
        ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
    ])
    func ipv6CanonicalText(input: String, canonical: String) throws {
        let address = try #require(IPv6Address(input))
        #expect(address.description == canonical)
        #expect(IPv6Address(canonical) == address)
    }

    @Test(arguments: [
        "", ":", ":::", "::::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
        "::1:2:3:4:5:6:7:8", "12345::", "g::", ":1::", "1::2:", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:",
        "fe80::1%eth0", "fe80::1%", "::ffff:1.2.3", "::ffff:1.2.3.4.5", "1.2.3.4::", "::1.2.3.04",
        "::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:1", " ::1", "::1 ", "[::1]", "::+1", "0x1::",
        "1:2:3:4:5:6:7:8:1.2.3.4", "1::2:3:4:5:6:7:1.2.3.4",
    ])
    func ipv6Refused(text: String) {
        #expect(IPv6Address(text) == nil)
        #expect(IPAddress(text) == nil)
    }

    @Test(arguments: [
        "", "1", "1.2", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "256.0.0.0", "1.2.3.256",
        "010.0.0.1", "1.2.3.04", "00.0.0.0", "+1.2.3.4", "1.2.3.-4", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4\n",
        "1.2.3.4/32", "0x7f.0.0.1", "1.2.3.4a", "１.2.3.4", "1.2.3.4:80", "4294967295", "1.2.3.1000",
    ])
    func ipv4Refused(text: String) {
        #expect(IPv4Address(text) == nil)
        #expect(IPAddress(text) == nil)
        #expect(throws: AddressingError.self) { try IPv4Address(parsing: text) }
    }

    @Test func ipv4Examples() throws {
        #expect(IPv4Address("0.0.0.0")?.value == 0)
        #expect(IPv4Address("255.255.255.255")?.value == .max)
        #expect(IPv4Address("172.16.0.1")?.value == 0xAC10_0001)
        #expect(IPv4Address(0xAC10_0022).description == "172.16.0.34")
        #expect(IPv4Address(0xAC10_0022).octets == [172, 16, 0, 34])
        #expect(IPAddress("172.16.0.34")?.family == .v4)
        #expect(IPAddress("fe80::1")?.family == .v6)
        #expect(AddressFamily.v4.bitWidth == 32 && AddressFamily.v6.bitWidth == 128)
        #expect(IPv6Address("::ffff:172.16.0.34")?.ipv4Mapped == IPv4Address("172.16.0.34"))
    }

    @Test func subnetTextForms() throws {
        #expect(try Subnet(parsing: "172.16.0.34") == Subnet(address: IPAddress("172.16.0.34")!, prefixLength: 32))
        #expect(try Subnet(parsing: "2001:db8::1").prefixLength == 128)
        #expect(try Subnet(parsing: "fe80::/64").netmask.description == "ffff:ffff:ffff:ffff::")
        #expect(try Subnet(parsing: "0.0.0.0/0").contains(IPAddress("255.255.255.255")!))
        #expect(try Subnet(parsing: "172.16.0.32/0xfffffff0").prefixLength == 28)
        #expect(try Subnet(parsing: "172.16.0.32/fffffff0").prefixLength == 28)
        for bad in ["172.16.0.32/", "/28", "172.16.0.32/+28", "172.16.0.32/ 28", "172.16.0.32/28 ", "172.16.0.32//28",
                    "172.16.0.32/28/28", "172.16.0.32/255.0.255.0", "fe80::/64%eth0", "fe80::%eth0/64", "172.16.0.32/1e1"] {
            #expect(Subnet(bad) == nil, "\(bad)")
        }
    }

    @Test func codableUsesTheTextForms() throws {
        struct Document: Codable, Equatable {
            var address: IPAddress
            var v4: IPv4Address
            var v6: IPv6Address
            var subnet: Subnet
            var family: AddressFamily
        }
        let document = Document(
            address: IPAddress("172.16.0.34")!, v4: IPv4Address("172.16.0.35")!,
            v6: IPv6Address("2001:DB8::1")!, subnet: Subnet("172.16.0.40/28")!, family: .v6)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(document), as: UTF8.self)
        #expect(json == #"{"address":"172.16.0.34","family":"v6","subnet":"172.16.0.40/28","v4":"172.16.0.35","v6":"2001:db8::1"}"#)
        #expect(try JSONDecoder().decode(Document.self, from: Data(json.utf8)) == document)

        let bad = #"{"address":"172.16.0.34","family":"v6","subnet":"172.16.0.40/33","v4":"172.16.0.35","v6":"2001:db8::1"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Document.self, from: Data(bad.utf8)) }
    }
}
