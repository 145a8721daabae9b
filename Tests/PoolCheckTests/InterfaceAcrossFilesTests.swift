import Foundation
import Testing
@testable import PoolCheck

/// One host's interfaces shown in two files, one family at a time in the second: the
/// readings add up; only what both files showed can disagree (a conflict makes the rules
/// that read the interface say `error`).
@Suite struct InterfaceAcrossFilesTests {
    static let whole = """
        [root@xs-1 ~]# ip addr show xenbr2
        5: xenbr2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000
            link/ether 00:26:55:d1:e8:cc brd ff:ff:ff:ff:ff:ff
            inet 172.16.0.35/28 brd 172.16.0.47 scope global xenbr2
               valid_lft forever preferred_lft forever
            inet6 2001:db8:16::35/64 scope global
               valid_lft forever preferred_lft forever
        """

    func read(_ files: [String: String]) throws -> Facts {
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        for (name, text) in files {
            try (text + "\n").write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return try SnapshotGatherer.gather(path: folder.path)
    }

    func ipFour(_ address: String) -> String {
        """
        [root@xs-1 ~]# ip -4 addr show xenbr2
        5: xenbr2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000
            inet \(address) brd 172.16.0.47 scope global xenbr2
               valid_lft forever preferred_lft forever
        """
    }

    @Test func oneFamilyInAnotherFileAgreesWithTheWholeReading() throws {
        let facts = try read(["a.txt": Self.whole, "b.txt": ipFour("172.16.0.35/28")])
        #expect(facts.conflicts.isEmpty, "\(facts.conflicts)")
        let xenbr2 = try #require(facts.view("xs-1")?.interfaces?.first)
        #expect(xenbr2.addresses == ["172.16.0.35/28", "2001:db8:16::35/64"])
        #expect(xenbr2.mac == "00:26:55:d1:e8:cc" && xenbr2.onlyFamily == nil)
    }

    @Test func oneFamilyFirstThenTheOtherAddsUp() throws {
        let ipSix = """
            [root@xs-1 ~]# ip -6 addr show xenbr2
            5: xenbr2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000
                inet6 2001:db8:16::35/64 scope global
            """
        let facts = try read(["a.txt": ipFour("172.16.0.35/28"), "b.txt": ipSix])
        #expect(facts.conflicts.isEmpty, "\(facts.conflicts)")
        let xenbr2 = try #require(facts.view("xs-1")?.interfaces?.first)
        #expect(xenbr2.addresses == ["172.16.0.35/28", "2001:db8:16::35/64"])
        #expect(xenbr2.netmask(ofAddressAt: 0) == "255.255.255.240")
    }

    @Test func aDifferentAddressOfAFamilyBothShowedIsAConflict() throws {
        let facts = try read(["a.txt": Self.whole, "b.txt": ipFour("172.16.0.40/28")])
        #expect(facts.conflicts.count == 1)
        #expect(facts.conflicts.first?.id == "xs-1 xenbr2")
    }

    @Test func aLinkShownDownInOneFileAndUpInTheOtherIsAConflict() throws {
        let down = ipFour("172.16.0.35/28").replacingOccurrences(of: "<BROADCAST,MULTICAST,UP,LOWER_UP>", with: "<NO-CARRIER,BROADCAST,MULTICAST,UP>")
            .replacingOccurrences(of: "state UNKNOWN", with: "state DOWN")
        let facts = try read(["a.txt": Self.whole, "b.txt": down])
        #expect(facts.conflicts.count == 1, "\(facts.conflicts)")
    }
}
