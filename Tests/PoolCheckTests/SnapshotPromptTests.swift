import Testing
@testable import PoolCheck

/// Splitting a transcript into commands: prompt forms, stray lines, pipes, compound
/// commands and secrets.
@Suite struct SnapshotPromptTests {
    @Test(arguments: [
        ("[root@xs-1 ~]# xe host-list", "xs-1", "xe host-list"),
        ("    [root@xs-2 ~]# hostname", "xs-2", "hostname"),
        ("[admin@xs-1 /var/log]$ ifconfig", "xs-1", "ifconfig"),
        ("[xs-1 ~]# mount", "xs-1", "mount"),
        ("[root@xcp-ng-pool1.example.net ~]#   xe pool-list  ", "xcp-ng-pool1.example.net", "xe pool-list"),
        ("root@xs-1:~# ip addr", "xs-1", "ip addr"),
        ("admin@nfs-1:/srv$ showmount -e localhost", "nfs-1", "showmount -e localhost"),
        ("[root@172.16.0.10 ~]# hostname", "172.16.0.10", "hostname"),
        ("[root@xs-1 ~]#", "xs-1", ""),
    ])
    func promptForms(line: String, host: String, command: String) throws {
        let text = try TranscriptText(bytes: Array(line.utf8), path: "t.txt")
        let prompt = try #require(PromptLine.parse(text, text.trimmed(text.lines[0])))
        #expect(prompt.host == host)
        #expect(text.string(prompt.command) == command)
    }

    @Test(arguments: [
        "Legend: GET | SEE | USE",
        "[1]+  Done                    sleep 10",
        "uuid ( RO)                : 8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca",
        "[root@xs-1 ~]#xe host-list",
        "# [root@xs-1 ~]# xe host-list",
        "inet addr:172.16.0.35 Bcast:172.16.0.47 Mask:255.255.255.240",
        "[ok] done",
        "root@xs-1: not a prompt",
    ])
    func notPrompts(line: String) throws {
        let text = try TranscriptText(bytes: Array(line.utf8), path: "t.txt")
        #expect(PromptLine.parse(text, text.trimmed(text.lines[0])) == nil)
    }

    @Test func legendsCommentsAndCarriageReturnsAreIgnored() throws {
        let facts = try SnapshotFixture.parse(
            "# Reconstructed: not from the seed\r\n\r\n  4. Legend: GET | SEE | USE\r\n[root@xs-1 ~]# hostname\r\n# a note between blocks\r\nxs-1\r\n\r\nLegend: GET | SEE | USE\r\n")
        #expect(facts.warnings == [])
        #expect(facts.view("xs-1")?.hostname == "xs-1")
    }

    @Test func pipesAndCompoundCommands() {
        let piped = ShellCommand("xe pool-param-list uuid=$POOL | grep -B4 –color SR\\")
        #expect(piped.words == ["xe", "pool-param-list", "uuid=$POOL"])
        #expect(piped.filters == ["grep"])
        #expect(piped.isFiltered && !piped.isCompound)
        let passthrough = ShellCommand("xe host-list 2>&1 | cat")
        #expect(passthrough.words == ["xe", "host-list"])
        #expect(!passthrough.isFiltered)
        let quoted = ShellCommand("sudo xe pool-param-set name-description=\"NA US | OR\" uuid=x")
        #expect(quoted.words == ["xe", "pool-param-set", "name-description=NA US | OR", "uuid=x"])
        #expect(quoted.filters == [])
        #expect(ShellCommand("hostname; xe host-list").isCompound)
        #expect(ShellCommand("ifconfig && mount").isCompound)
        #expect(ShellCommand("ifconfig || true").isCompound)
        #expect(!ShellCommand("ifconfig |& grep inet").isCompound)
    }

    @Test func secretsAreMasked() {
        #expect(ShellCommand("xe pool-join master-address=xs-1 master-username=root master-password=hunter2").display
            == "xe pool-join master-address=xs-1 master-username=root master-password=<redacted>")
        #expect(ShellCommand("xe -s xs-1 -u root -pw hunter2 host-list").display == "xe -s xs-1 -u root -pw <redacted> host-list")
    }

    @Test(arguments: [
        ("xe pif-list host-uuid=$INSTALLATION_UUID device=eth2", CommandKind.xeList(.pif, filtered: true, minimal: false)),
        ("xe pif-list params=all", .xeList(.pif, filtered: false, minimal: false)),
        ("xe vm-list --minimal", .xeList(.vm, filtered: false, minimal: true)),
        ("xe pool-param-list uuid=$POOL", .xeParamList(.pool, uuid: nil)),
        ("xe sr-param-list uuid=8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca", .xeParamList(.sr, uuid: "8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca")),
        ("xe vdi-list", .xeUnmodelled),
        ("xe sr-create type=nfs", .xeAction),
        ("xe pool-join master-address=xs-1", .xeAction),
        ("/sbin/ifconfig -a", .ifconfig(oneInterface: false)),
        ("ip -4 -o addr show", .ipAddress(oneInterface: false)),
        ("ip addr add 1.2.3.4/24 dev eth0", .other(readsNothing: true)),
        ("ip route", .other(readsNothing: false)),
        ("showmount -e", .showmount(server: "localhost")),
        ("mount -t nfs", .mount(filtered: true)),
        ("mount 172.16.0.34:/srv/vhd /mnt", .other(readsNothing: true)),
        ("cat /etc/hosts", .other(readsNothing: false)),
    ])
    func commandKinds(line: String, kind: CommandKind) {
        #expect(CommandKind(ShellCommand(line)) == kind)
    }

    @Test func unreadCommandsWarnOnceAndActionsStaySilent() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# cat /etc/hosts
        127.0.0.1 localhost
        172.16.0.10 xs-1

        172.16.0.11 xs-2
        [root@xs-1 ~]# xe sr-create device-config:server=172.16.0.34 type=nfs shared=true
        8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca
        [root@xs-1 ~]# hostname; uptime
        xs-1
        10:00 up 3 days
        """)
        #expect(facts.warnings == [
            "t.txt:2: could not read \"127.0.0.1 localhost\" as output of `cat /etc/hosts`: poolcheck does not read this command's output (and 2 more such lines up to line 5)",
            "t.txt:9: could not read \"xs-1\" as output of `hostname; uptime`: several commands on one line; their output cannot be told apart (and 1 more such line up to line 10)",
        ])
        #expect(facts.view("xs-1")?.commands == ["cat", "xe sr-create", "hostname"])
        #expect(facts.view("xs-1")?.hostname == nil)
    }
}
