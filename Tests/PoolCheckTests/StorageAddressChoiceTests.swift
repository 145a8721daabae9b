import Foundation
import Testing
import Addressing
@testable import PoolCheck

/// When xe does not show a storage PIF's IP, the rules take it from the OS view of the
/// interface. An `ip -6 addr` reading says nothing about the IPv4 address the plan is
/// about, and a link-local address is on every link: neither may stand for the storage
/// address (that was a false fail for a host configured right).
@Suite struct StorageAddressChoiceTests {
    func verdict(_ rule: String, ipReadings: String) throws -> CheckResult {
        let facts = try SnapshotFixture.exampleWithXs2StorageAddressHidden(xs2Extra: "\n" + ipReadings + "\n")
        return try #require(try SnapshotFixture.verdicts(of: rule, facts: facts)["xs-2"])
    }

    static let ipSix = """
        [root@xs-2 ~]# ip -6 addr show xenbr2
        5: xenbr2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000
            inet6 2001:db8:16::36/64 scope global
               valid_lft forever preferred_lft forever
            inet6 fe80::226:55ff:fed1:e93a/64 scope link
               valid_lft forever preferred_lft forever
        """
    static let ipFour = """
        [root@xs-2 ~]# ip -4 addr show xenbr2
        5: xenbr2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000
            inet 172.16.0.36/28 brd 172.16.0.47 scope global xenbr2
               valid_lft forever preferred_lft forever
        """

    @Test(arguments: ["storage-subnet-mask", "storage-subnet-dedicated"])
    func onlyIPv6ShownLeavesTheIPv4PlanUnchecked(rule: String) throws {
        let result = try verdict(rule, ipReadings: Self.ipSix)
        #expect(result.status == .skip, "\(result.status): \(result.message)")
        #expect(result.message.contains("the storage interface's address not collected"), "\(result.message)")
    }

    @Test(arguments: ["storage-subnet-mask", "storage-subnet-dedicated"])
    func aLinkLocalAddressIsNeverTheStorageAddress(rule: String) throws {
        let linkLocalOnly = Self.ipSix.split(separator: "\n").filter { !$0.contains("2001:db8") }.joined(separator: "\n")
        let result = try verdict(rule, ipReadings: linkLocalOnly)
        #expect(result.status == .skip, "\(result.status): \(result.message)")
    }

    @Test(arguments: ["storage-subnet-mask", "storage-subnet-dedicated"])
    func bothFamiliesShownJudgesTheIPv4Address(rule: String) throws {
        let result = try verdict(rule, ipReadings: Self.ipSix + "\n" + Self.ipFour)
        #expect(result.status == .pass, "\(result.status): \(result.message)")
        #expect(result.evidence.contains { $0.contains("storage address 172.16.0.36") }, "\(result.evidence)")
    }

    @Test func linkLocalIsFE80Slash10() {
        #expect(IPAddress("fe80::1")?.isLinkLocalIPv6 == true && IPAddress("febf::1")?.isLinkLocalIPv6 == true)
        #expect(IPAddress("fec0::1")?.isLinkLocalIPv6 == false && IPAddress("2001:db8::1")?.isLinkLocalIPv6 == false)
        #expect(IPAddress("172.16.0.36")?.isLinkLocalIPv6 == false)
    }
}
