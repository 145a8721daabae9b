import Foundation
import Testing
@testable import PoolCheck

/// `ip`/`ifconfig` output as admins really take it: one family at a time, through grep,
/// point-to-point addresses, links without a carrier (sources in Tests/SOURCES-os-commands.md).
@Suite struct InterfaceReadingTests {
    func interfaces(_ transcript: String) throws -> (interfaces: [OSInterface], warnings: [String]) {
        let facts = try SnapshotFixture.parse(transcript)
        return (try #require(facts.view("xs-1")?.interfaces), facts.warnings)
    }

    @Test func ipOneFamilyLaterKeepsTheOtherFamily() throws {
        let (read, warnings) = try interfaces("""
        [root@xs-1 ~]# ip addr show xenbr2
        5: xenbr2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000
            link/ether 00:26:55:d1:e8:cc brd ff:ff:ff:ff:ff:ff
            inet 172.16.0.45/27 brd 172.16.0.63 scope global xenbr2
               valid_lft forever preferred_lft forever
            inet6 fe80::226:55ff:fed1:e8cc/64 scope link
               valid_lft forever preferred_lft forever
        [root@xs-1 ~]# ip -4 addr show xenbr2
        5: xenbr2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000
            inet 172.16.0.35/28 brd 172.16.0.47 scope global xenbr2
               valid_lft forever preferred_lft forever
        [root@xs-1 ~]# ip -br addr show xenbr2
        xenbr2           UNKNOWN        172.16.0.35/28 fe80::226:55ff:fed1:e8cc/64
        """)
        #expect(warnings == [])
        let xenbr2 = try #require(read.first { $0.name == "xenbr2" })
        #expect(xenbr2.addresses == ["172.16.0.35/28", "fe80::226:55ff:fed1:e8cc/64"])
        #expect(xenbr2.netmask(ofAddressAt: 0) == "255.255.255.240")
        #expect(xenbr2.broadcast == "172.16.0.47")
        #expect(xenbr2.mac == "00:26:55:d1:e8:cc" && xenbr2.mtu == 1500, "ip -br shows neither: the earlier reading stays")
    }

    @Test func ipSixAfterFullKeepsIPv4() throws {
        let (read, _) = try interfaces("""
        [root@xs-1 ~]# ip a
        2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
            inet 172.16.0.10/27 brd 172.16.0.31 scope global eth0
        [root@xs-1 ~]# ip -f inet6 addr
        2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP group default qlen 1000
            inet6 2001:db8::10/64 scope global
        """)
        #expect(read.first?.addresses == ["172.16.0.10/27", "2001:db8::10/64"])
    }

    @Test func ipAddrShowDevThroughGrepBelongsToDev() throws {
        let (read, warnings) = try interfaces("""
        [root@xs-1 ~]# ip addr show dev xenbr2 | grep inet
            inet 172.16.0.35/28 brd 172.16.0.47 scope global xenbr2
            inet6 fe80::226:55ff:fed1:e8cc/64 scope link
        [root@xs-1 ~]# ip a s eth9 | grep inet
        Device "eth9" does not exist.
        """)
        #expect(warnings.count == 1 && warnings[0].hasPrefix("t.txt:5: could not read"), "\(warnings)")
        #expect(read.map(\.name) == ["xenbr2"])
        #expect(read[0].addresses == ["172.16.0.35/28", "fe80::226:55ff:fed1:e8cc/64"])
        #expect(read[0].netmask(ofAddressAt: 0) == "255.255.255.240")
    }

    @Test func ifconfigDevThroughGrepBelongsToDev() throws {
        let (read, warnings) = try interfaces("""
        [root@xs-1 ~]# ifconfig xenbr2 | grep 'inet '
                  inet addr:172.16.0.35  Bcast:172.16.0.47  Mask:255.255.255.240
        """)
        #expect(warnings == [])
        #expect(read.map(\.name) == ["xenbr2"] && read[0].addresses == ["172.16.0.35/28"])
    }

    @Test func pointToPointAddressesKeepTheirOwnMasks() throws {
        let (read, warnings) = try interfaces("""
        [root@xs-1 ~]# ip addr show xenbr2
        5: xenbr2: <POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000
            inet 192.0.2.1 peer 192.0.2.2/32 scope global xenbr2
               valid_lft forever preferred_lft forever
            inet 172.16.0.35/28 brd 172.16.0.47 scope global xenbr2
               valid_lft forever preferred_lft forever
        [root@xs-1 ~]# ifconfig tun0
        tun0      Link encap:UNSPEC  HWaddr 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  
                  inet addr:10.8.0.1  P-t-P:10.8.0.2  Mask:255.255.255.255
                  inet6 addr: fe80::1/64 Scope:Link
                  UP POINTOPOINT RUNNING NOARP MULTICAST  MTU:1500  Metric:1
        """)
        #expect(warnings == [])
        let xenbr2 = try #require(read.first { $0.name == "xenbr2" })
        #expect(xenbr2.addresses == ["192.0.2.1", "172.16.0.35/28"])
        // The /28 is 172.16.0.35's; pairing by position gave it to the point-to-point address.
        #expect(xenbr2.netmask(ofAddressAt: 0) == nil)
        #expect(xenbr2.netmask(ofAddressAt: 1) == "255.255.255.240")
        let tun0 = try #require(read.first { $0.name == "tun0" })
        #expect(tun0.addresses == ["10.8.0.1/32", "fe80::1/64"])
        #expect(tun0.netmask(ofAddressAt: 0) == "255.255.255.255" && tun0.netmask(ofAddressAt: 1) == nil)
    }

    @Test func noCarrierIsDown() throws {
        // Header as posted in unix.stackexchange.com/questions/335077 (Tests/SOURCES-os-commands.md).
        let (read, _) = try interfaces("""
        [root@xs-1 ~]# ip addr
        3: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP group default qlen 1000
            link/ether 00:a1:ba:51:4c:11 brd ff:ff:ff:ff:ff:ff
        4: eth1: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc pfifo_fast state DOWN group default qlen 1000
            link/ether 00:a1:ba:51:4c:12 brd ff:ff:ff:ff:ff:ff
        [root@xs-1 ~]# ifconfig eth3
        eth3: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500
                ether 00:26:55:d1:e8:cd  txqueuelen 1000  (Ethernet)
        """)
        let byName = Dictionary(uniqueKeysWithValues: read.map { ($0.name, $0) })
        #expect(byName["eth0"]?.up == true && byName["eth0"]?.carrier == true)
        #expect(byName["eth1"]?.up == false && byName["eth1"]?.carrier == false)
        #expect(byName["eth3"]?.up == false && byName["eth3"]?.carrier == false, "UP without RUNNING: no carrier")
    }

    @Test func factsFromEarlierVersionsStillDecode() throws {
        let interface = try JSONDecoder().decode(OSInterface.self, from: Data("""
        {"name": "xenbr2", "addresses": ["172.16.0.35/28", "fe80::1/64"], "netmasks": ["255.255.255.240"]}
        """.utf8))
        #expect(interface.addressNetmasks == nil && interface.carrier == nil)
        #expect(interface.netmask(ofAddressAt: 0) == "255.255.255.240")
        let list = try JSONDecoder().decode(ExportList.self, from: Data("""
        {"server": "172.16.0.34", "exports": [{"path": "/srv/vhd", "groups": ["172.16.0.32/28"]}], "via": "showmount"}
        """.utf8))
        #expect(list.partial == nil && list.pathsWithoutClients == nil && list.isConclusive)
    }
}
