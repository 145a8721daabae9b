import Testing
@testable import PoolCheck

/// ifconfig (both net-tools formats, whole and through grep), ip addr (all three
/// layouts), showmount -e (and its RPC failures) and mount.
@Suite struct SnapshotOSCommandTests {
    @Test func ifconfigOldFormatWhole() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# ifconfig
        eth2      Link encap:Ethernet  HWaddr 00:26:55:D1:E8:CC  
                  UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1
                  RX packets:1203948 errors:0 dropped:0 overruns:0 frame:0
                  TX packets:889 errors:0 dropped:0 overruns:0 carrier:0
                  collisions:0 txqueuelen:1000 
                  RX bytes:102938475 (98.1 MiB)  TX bytes:84738 (82.7 KiB)
                  Interrupt:17 Memory:fe9e0000-fea00000 

        xenbr2    Link encap:Ethernet  HWaddr 00:26:55:D1:E8:CC  
                  inet addr:172.16.0.35  Bcast:172.16.0.47  Mask:255.255.255.240
                  inet6 addr: fe80::226:55ff:fed1:e8cc/64 Scope:Link
                  UP BROADCAST RUNNING MULTICAST  MTU:9000  Metric:1

        xenbr3    Link encap:Ethernet  HWaddr 00:26:55:D1:E8:CD  
                  BROADCAST MULTICAST  MTU:1500  Metric:1
        """)
        #expect(facts.warnings == [])
        let view = try #require(facts.view("xs-1"))
        #expect(view.partialCommands == [])
        let interfaces = try #require(view.interfaces)
        #expect(interfaces.map(\.name) == ["eth2", "xenbr2", "xenbr3"])
        #expect(interfaces[0].addresses == [] && interfaces[0].mtu == 1500 && interfaces[0].up == true)
        #expect(interfaces[1].addresses == ["172.16.0.35/28", "fe80::226:55ff:fed1:e8cc/64"])
        #expect(interfaces[1].netmasks == ["255.255.255.240"])
        #expect(interfaces[1].broadcast == "172.16.0.47")
        #expect(interfaces[1].mtu == 9000)
        #expect(interfaces[2].up == false)
    }

    @Test func ifconfigNewFormat() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xcp-ng-1 ~]# ifconfig xenbr2
        xenbr2: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
                inet 172.16.0.35  netmask 255.255.255.240  broadcast 172.16.0.47
                inet6 fe80::226:55ff:fed1:e8cc  prefixlen 64  scopeid 0x20<link>
                ether 00:26:55:d1:e8:cc  txqueuelen 1000  (Ethernet)
                RX packets 1203948  bytes 102938475 (98.1 MiB)
                RX errors 0  dropped 0  overruns 0  frame 0
                TX packets 889  bytes 84738 (82.7 KiB)
                TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

        lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
                inet 127.0.0.1  netmask 255.0.0.0
                loop  txqueuelen 1000  (Local Loopback)

        eth3: flags=4098<BROADCAST,MULTICAST>  mtu 1500
                ether 00:26:55:d1:e8:cd  txqueuelen 1000  (Ethernet)
        """)
        #expect(facts.warnings == [])
        let view = try #require(facts.view("xcp-ng-1"))
        #expect(view.partialCommands == ["ifconfig"]) // one interface was asked for
        let interfaces = try #require(view.interfaces)
        #expect(interfaces.map(\.name) == ["xenbr2", "lo", "eth3"])
        #expect(interfaces[0].addresses == ["172.16.0.35/28", "fe80::226:55ff:fed1:e8cc/64"])
        #expect(interfaces[0].netmasks == ["255.255.255.240"])
        #expect(interfaces[0].broadcast == "172.16.0.47")
        #expect(interfaces[0].mac == "00:26:55:d1:e8:cc")
        #expect(interfaces[0].up == true && interfaces[0].mtu == 1500)
        #expect(interfaces[1].addresses == ["127.0.0.1/8"])
        #expect(interfaces[2].up == false && interfaces[2].addresses == [])
    }

    @Test func ifconfigThroughGrepAndANonContiguousMask() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# ifconfig | grep inet -B1
        xenbr0 Link encap:Ethernet HWaddr 00:1F:29:C4:9F:5C
        inet addr:172.16.0.10 Bcast:172.16.0.31 Mask:255.255.255.224
        --
        xenbr2 Link encap:Ethernet HWaddr 00:26:55:D1:E8:CC
        inet addr:172.16.0.35 Bcast:172.16.0.47 Mask:255.255.0.255
        """)
        #expect(facts.warnings == [])
        let view = try #require(facts.view("xs-1"))
        #expect(view.partialCommands == ["ifconfig"])
        let interfaces = try #require(view.interfaces)
        #expect(interfaces[0].addresses == ["172.16.0.10/27"])
        #expect(interfaces[0].mtu == nil && interfaces[0].up == nil) // not shown, not guessed
        #expect(interfaces[1].addresses == ["172.16.0.35"]) // no prefix for a broken mask...
        #expect(interfaces[1].netmasks == ["255.255.0.255"]) // ...which stays visible
    }

    @Test func ifconfigOldInet6WithoutBlank() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# ifconfig eth0
        eth0      Link encap:Ethernet  HWaddr 00:1F:29:C4:9F:5C
                  inet6 addr:2001:db8::10/64 Scope:Global
        """)
        #expect(facts.warnings == [])
        #expect(facts.view("xs-1")?.interfaces?.first?.addresses == ["2001:db8::10/64"])
    }

    @Test func ifconfigLaterOutputReplacesAnInterface() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# ifconfig | grep inet -B1
        xenbr2 Link encap:Ethernet HWaddr 00:26:55:D1:E8:CC
        inet addr:172.16.0.45 Bcast:172.16.0.63 Mask:255.255.255.224
        [root@xs-1 ~]# xe pif-reconfigure-ip uuid=767aac49-ba37-3be7-5bad-87ae26d97e02 IP=172.16.0.35 netmask=255.255.255.240 mode=static
        [root@xs-1 ~]# ifconfig | grep inet -B1
        xenbr2 Link encap:Ethernet HWaddr 00:26:55:D1:E8:CC
        inet addr:172.16.0.35 Bcast:172.16.0.47 Mask:255.255.255.240
        """)
        #expect(facts.view("xs-1")?.interfaces?.map(\.addresses) == [["172.16.0.35/28"]])
    }

    @Test func ipAddr() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# ip addr
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
            link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            inet 127.0.0.1/8 scope host lo
               valid_lft forever preferred_lft forever
        5: xenbr2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UNKNOWN group default qlen 1000
            link/ether 00:26:55:d1:e8:cc brd ff:ff:ff:ff:ff:ff
            inet 172.16.0.35/28 brd 172.16.0.47 scope global xenbr2
               valid_lft forever preferred_lft forever
            inet6 fe80::226:55ff:fed1:e8cc/64 scope link 
               valid_lft forever preferred_lft forever
        7: eth3@if8: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000
            link/ether 00:26:55:d1:e8:cd brd ff:ff:ff:ff:ff:ff link-netnsid 0
        """)
        #expect(facts.warnings == [])
        let interfaces = try #require(facts.view("xs-1")?.interfaces)
        #expect(interfaces.map(\.name) == ["lo", "xenbr2", "eth3"])
        #expect(interfaces[1].addresses == ["172.16.0.35/28", "fe80::226:55ff:fed1:e8cc/64"])
        #expect(interfaces[1].netmasks == ["255.255.255.240"])
        #expect(interfaces[1].broadcast == "172.16.0.47")
        #expect(interfaces[1].mac == "00:26:55:d1:e8:cc")
        #expect(interfaces[1].mtu == 1500 && interfaces[1].up == true)
        #expect(interfaces[2].up == false && interfaces[2].mac == "00:26:55:d1:e8:cd")
        #expect(facts.view("xs-1")?.commands == ["ip addr"])
    }

    @Test func ipOnelineAndBrief() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# ip -o addr show
        1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
        5: xenbr2    inet 172.16.0.35/28 brd 172.16.0.47 scope global xenbr2\\       valid_lft forever preferred_lft forever
        5: xenbr2    inet6 fe80::226:55ff:fed1:e8cc/64 scope link \\       valid_lft forever preferred_lft forever
        [root@xs-2 ~]# ip -br a
        lo               UNKNOWN        127.0.0.1/8 ::1/128
        xenbr2           UP             172.16.0.36/28 fe80::226:55ff:fed1:e93a/64
        eth3             DOWN
        """)
        #expect(facts.warnings == [])
        let one = try #require(facts.view("xs-1")?.interfaces)
        #expect(one.map(\.name) == ["lo", "xenbr2"])
        #expect(one[1].addresses == ["172.16.0.35/28", "fe80::226:55ff:fed1:e8cc/64"])
        #expect(one[1].broadcast == "172.16.0.47")
        let two = try #require(facts.view("xs-2")?.interfaces)
        #expect(two.map(\.name) == ["lo", "xenbr2", "eth3"])
        #expect(two[1].addresses == ["172.16.0.36/28", "fe80::226:55ff:fed1:e93a/64"])
        #expect(two[2].up == false)
    }

    @Test func ipAddrStrayLineIsAWarning() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# ip addr show dev xenbr2
        this is not ip output
        """)
        #expect(facts.warnings == ["t.txt:2: could not read \"this is not ip output\" as output of `ip addr show dev xenbr2`"])
        #expect(facts.view("xs-1")?.partialCommands == ["ip addr"])
    }

    @Test func showmountKnfsdEveryoneAndPaddedColumns() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# /usr/sbin/showmount -e 172.16.0.34
        Export list for 172.16.0.34:
        /srv/vhd     172.16.0.32/28
        /srv/public  (everyone)
        /srv/iso     172.16.0.32/28,172.16.0.0/27,@xenhosts
        """)
        #expect(facts.warnings == [])
        let list = try #require(facts.view("xs-1")?.exportLists.first)
        #expect(list.server == "172.16.0.34")
        #expect(list.exports == [
            Export(path: "/srv/vhd", groups: ["172.16.0.32/28"]),
            Export(path: "/srv/public", groups: ["*"]),
            Export(path: "/srv/iso", groups: ["172.16.0.32/28", "172.16.0.0/27", "@xenhosts"]),
        ])
        #expect(facts.view("xs-1")?.commands == ["showmount -e"])
    }

    @Test func showmountRPCErrorIsAProbeFailure() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# showmount -e 172.16.0.34
        clnt_create: RPC: Program not registered
        """)
        #expect(facts.view("xs-1")?.exportLists == [])
        #expect(facts.probeFailures == [
            ProbeFailure(target: "172.16.0.34", source: .showmount, message: "t.txt:1: clnt_create: RPC: Program not registered"),
        ])
        #expect(facts.warnings == [])
    }

    @Test func mountLines() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# mount
        /dev/sda1 on / type ext3 (rw)
        172.16.0.34:/srv/vhd/8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca on /var/run/sr-mount/8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca type nfs (rw,soft,proto=tcp,acdirmin=0,acdirmax=0,addr=172.16.0.34)
        /dev/sdb1 on /mnt/with space type ext4 (ro,noatime)
        mount: garbage
        """)
        let mounts = try #require(facts.view("xs-1")?.mounts)
        #expect(mounts.count == 3)
        #expect(mounts[1].type == "nfs")
        #expect(mounts[1].options == ["rw", "soft", "proto=tcp", "acdirmin=0", "acdirmax=0", "addr=172.16.0.34"])
        #expect(mounts[2].mountPoint == "/mnt/with space")
        #expect(mounts[2].options == ["ro", "noatime"])
        #expect(facts.warnings == ["t.txt:5: could not read \"mount: garbage\" as output of `mount`"])
    }

    @Test func hostnameIsRecordedNotUsedToRename() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# hostname
        xs-1.pdx0.example.net
        """)
        #expect(facts.views.map(\.name) == ["xs-1"])
        #expect(facts.view("xs-1")?.hostname == "xs-1.pdx0.example.net")
    }
}
