import Testing
import Addressing

/// Facts from seed/xenserver-6.5-pool-tutorial.txt: management 172.16.0.0/27
/// (ifconfig "Bcast:172.16.0.31 Mask:255.255.255.224"), storage 172.16.0.32/28
/// (xs-1 storage IP 172.16.0.35, "Bcast:172.16.0.47 Mask:255.255.255.240"),
/// NFS server 172.16.0.34 exporting /srv/vhd to 172.16.0.32/28.
@Suite("Seed scenario examples")
struct SeedScenarioExampleTests {
    let storage = Subnet("172.16.0.32/28")!
    let management = Subnet("172.16.0.0/27")!

    @Test func storageSubnetRange() {
        #expect(storage.network.description == "172.16.0.32")
        #expect(storage.broadcast?.description == "172.16.0.47")
        #expect(storage.firstUsable?.description == "172.16.0.33")
        #expect(storage.lastUsable?.description == "172.16.0.46")
        #expect(storage.usableHostCount == 14)
        #expect(storage.addressCount == 16)
        #expect(storage.netmask.description == "255.255.255.240")
        #expect(!storage.hasHostBitsSet)
        #expect(storage.description == "172.16.0.32/28")
    }

    @Test func managementSubnetRange() {
        #expect(management.broadcast?.description == "172.16.0.31")
        #expect(management.netmask.description == "255.255.255.224")
        #expect(management.usableHostCount == 30)
    }

    @Test func ifconfigMasksGiveThePlannedPrefixes() throws {
        #expect(try Netmask.prefixLength(dotted: "255.255.255.224") == 27)
        #expect(try Netmask.prefixLength(dotted: "255.255.255.240") == 28)
        #expect(try Netmask.prefixLength(dotted: "0xffffffe0") == 27)
        let storageIP = try IPAddress(parsing: "172.16.0.35")
        let configured = try Subnet(address: storageIP, netmask: "255.255.255.240")
        #expect(configured.canonical == storage)
        #expect(configured.description == "172.16.0.35/28")
        #expect(configured.broadcast?.description == "172.16.0.47")
        #expect(try Subnet(parsing: "172.16.0.35/255.255.255.240") == configured)
    }

    @Test func managementAndStorageDoNotOverlap() {
        #expect(!management.overlaps(storage))
        #expect(!storage.overlaps(management))
        // The mistake the storage-subnet-mask rule catches: the storage IP with
        // the management mask (/27) claims 172.16.0.32-63, swallowing the /28.
        let wrongMask = Subnet("172.16.0.35/27")!
        #expect(wrongMask.canonical.description == "172.16.0.32/27")
        #expect(wrongMask.contains(storage) && !storage.contains(wrongMask))
        #expect(wrongMask.overlaps(storage) && !wrongMask.overlaps(management))
        #expect(!management.contains(storage.network) && !storage.contains(management.network))
    }

    @Test func exportWrittenWithHostBitsStillMatches() {
        let export = Subnet("172.16.0.40/28")!
        #expect(export.hasHostBitsSet)
        #expect(export.address.description == "172.16.0.40")
        #expect(export.description == "172.16.0.40/28")
        #expect(export.network.description == "172.16.0.32")
        #expect(export.contains(IPAddress("172.16.0.35")!))
        #expect(export != storage)
        #expect(export.canonical == storage)
    }

    @Test func nfsServerAndHostsAreInTheStorageSubnet() {
        for text in ["172.16.0.34", "172.16.0.35", "172.16.0.36"] {
            let address = IPAddress(text)!
            #expect(storage.contains(address), "\(text)")
            #expect(!management.contains(address), "\(text)")
            #expect(!storage.isNetworkOrBroadcast(address), "\(text)")
        }
        #expect(management.contains(IPAddress("172.16.0.10")!))
        #expect(storage.isNetworkOrBroadcast(IPAddress("172.16.0.32")!))
        #expect(storage.isNetworkOrBroadcast(IPAddress("172.16.0.47")!))
        #expect(!storage.contains(IPAddress("172.16.0.48")!))
    }

    @Test func errorMessagesReadAsOneLine() {
        #expect(throws: AddressingError.invalidAddress("'300.1.1.1' is not an IPv4 or IPv6 address")) {
            try IPAddress(parsing: "300.1.1.1")
        }
        #expect(throws: AddressingError.invalidPrefixLength("/33 is not a valid IPv4 prefix length")) {
            try Subnet(parsing: "172.16.0.32/33")
        }
        #expect(throws: AddressingError.invalidPrefixLength("/129 is not a valid IPv6 prefix length")) {
            try Subnet(parsing: "fe80::/129")
        }
        #expect(throws: AddressingError.invalidPrefixLength("/028 is not a valid IPv4 prefix length")) {
            try Subnet(parsing: "172.16.0.32/028")
        }
        #expect(throws: AddressingError.nonContiguousNetmask("netmask 255.0.255.0 is not contiguous (ones must come first)")) {
            try Netmask.prefixLength(dotted: "255.0.255.0")
        }
        #expect(throws: AddressingError.nonContiguousNetmask("netmask 0xff00ff00 (255.0.255.0) is not contiguous (ones must come first)")) {
            try Netmask.prefixLength(dotted: "0xff00ff00")
        }
        #expect(throws: AddressingError.familyMismatch("netmask 255.255.255.0 is IPv4 but address fe80:: is IPv6")) {
            try Subnet(parsing: "fe80::/255.255.255.0")
        }
        #expect(throws: AddressingError.invalidAddress(
            "'172.16.0.300/28' is not a subnet: '172.16.0.300' is not an IPv4 or IPv6 address")) {
            try Subnet(parsing: "172.16.0.300/28")
        }
        #expect(AddressingError.invalidAddress("x").description == "x")
    }
}
