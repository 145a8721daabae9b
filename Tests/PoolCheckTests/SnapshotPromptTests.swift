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
        // XCP-ng's PS1 starts with the time; some prompts have no blank after the sigil.
        ("[10:38 prod-hv-xcpng01 ~]# xe pif-list", "prod-hv-xcpng01", "xe pif-list"),
        ("[10:38:07 root@xcp-1 /tmp]# hostname", "xcp-1", "hostname"),
        ("pq-uio1-r1-server1-xcp-ng~#xe vm-param-list uuid=x", "pq-uio1-r1-server1-xcp-ng", "xe vm-param-list uuid=x"),
        ("xs-1~# mount", "xs-1", "mount"),
        ("xs-1:~# ip addr", "xs-1", "ip addr"),
        ("[root@xs-1 ~]#xe host-list", "xs-1", "xe host-list"),
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
        "[10:38]# xe host-list",
        "http://xs-1/page#anchor",
        "value:text#more",
        "# [root@xs-1 ~]# xe host-list",
        "inet addr:172.16.0.35 Bcast:172.16.0.47 Mask:255.255.255.240",
        "[ok] done",
        "root@xs-1: not a prompt",
    ])
    func notPrompts(line: String) throws {
        let text = try TranscriptText(bytes: Array(line.utf8), path: "t.txt")
        #expect(PromptLine.parse(text, text.trimmed(text.lines[0])) == nil)
    }

    /// A prompt whose host was cut out is still a prompt, with no host: never a guessed one.
    @Test(arguments: ["[root@ ~]# xe pif-list", "[@ host]# xe pif-list", "[10:38 root@ ~]# xe pif-list"])
    func redactedPromptsHaveNoHost(line: String) throws {
        let text = try TranscriptText(bytes: Array(line.utf8), path: "t.txt")
        let prompt = try #require(PromptLine.parse(text, text.trimmed(text.lines[0])))
        #expect(prompt.host == nil)
        #expect(text.string(prompt.command) == "xe pif-list")
    }

    /// Under a prompt with no host, xe records are kept for the pool (every host's xe shows
    /// the same database) and no host is made up; what the OS showed is not attributed.
    @Test func hostlessPromptsKeepPoolRecordsAndSaySoOnce() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# hostname
        xs-1
        [root@ ~]# xe pif-list params=uuid,device
        uuid ( RO)    : 767aac49-ba37-3be7-5bad-87ae26d97e02
        device ( RO): eth2
        [root@ ~]# ifconfig
        eth2      Link encap:Ethernet  HWaddr 00:1F:29:C4:9F:5D
        """)
        #expect(facts.hosts.map(\.name) == ["xs-1"])
        #expect(facts.database.PIFs?["767aac49-ba37-3be7-5bad-87ae26d97e02"]?.device == "eth2")
        #expect(facts.view("xs-1")?.interfaces == nil)
        #expect(facts.warnings == [
            "t.txt:3: the prompt \"[root@ ~]#\" names no host (redacted?) (and 1 more such prompt): its xe listings are kept for the pool, output about one host is not read",
            "t.txt:7: could not read \"eth2      Link encap:Ethernet  HWaddr 00:1F:29:C4:9F:5D\" as output of `ifconfig`: the prompt names no host, so this output cannot be told whose it is",
        ])
    }

    /// XCP-ng's own prompt used to make a file "not a terminal transcript"; in a folder it
    /// was skipped with its evidence.
    @Test func xcpngTimePromptFileIsReadInAFolder() throws {
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        try "[10:38 xcp-1 ~]# hostname\nxcp-1\n".write(to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "[root@xcp-2 ~]# hostname\nxcp-2\n".write(to: folder.appendingPathComponent("b.txt"), atomically: true, encoding: .utf8)
        let facts = try SnapshotGatherer.gather(path: folder.path)
        #expect(facts.hosts.map(\.name).sorted() == ["xcp-1", "xcp-2"])
        #expect(facts.warnings == [])
    }

    /// A `script(1)` typescript of a coloured PS1: codes are dropped before parsing and
    /// every warning still names the line as the file numbers it.
    @Test func colouredTypescriptIsReadWithItsOwnLineNumbers() throws {
        let esc = "\u{1B}"
        let prompt = "\(esc)]0;root@xs-1:~\u{07}\(esc)[01;32m[root@xs-1 \(esc)[01;34m~\(esc)[00m]# "
        let text = "Script started on 2025-02-22 10:38:02+00:00 [TERM=\"xterm\"]\r\n"
            + prompt + "xe host-list params=uuid,hostname\r\n"
            + "uuid ( RO)    : e28ef0a3-0738-4bc5-9146-cae1205d1e20\r\n"
            + "    hostname ( RO): \(esc)[1mxs-1\(esc)[0m\r\n"
            + "garbage line\r\n"
            + prompt + "exit\r\n"
            + "Script done on 2025-02-22 10:38:09+00:00\r\n"
        let facts = try SnapshotFixture.parse(text)
        #expect(facts.hosts.map(\.name) == ["xs-1"])
        #expect(facts.database.hosts?["e28ef0a3-0738-4bc5-9146-cae1205d1e20"]?.hostname == "xs-1")
        #expect(facts.warnings == [
            "t.txt:5: could not read \"garbage line\" as output of `xe host-list params=uuid,hostname`",
        ])
    }

    @Test func terminalCodesAreStrippedLineByLine() {
        let esc: UInt8 = 0x1B
        let input: [UInt8] = Array("a".utf8) + [esc] + Array("[1;31mb".utf8) + [10, esc] + Array("]0;title".utf8) + [10]
            + Array("xy".utf8) + [8] + Array("z".utf8) + [esc, UInt8(ascii: "("), UInt8(ascii: "B")] + [1, 2] + Array("!".utf8)
        #expect(TerminalCodes.stripped(input).map { String(decoding: $0, as: UTF8.self) } == "ab\n\nxz!")
        #expect(TerminalCodes.stripped(Array("plain\r\ntext\n".utf8)) == nil)
        // A file broken with CR alone gets line breaks.
        #expect(TerminalCodes.stripped(Array("a\rb\r".utf8)).map { String(decoding: $0, as: UTF8.self) } == "a\nb\n")
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
        ("xe vm-list params=uuid --minimal", .xeList(.vm, filtered: false, minimal: true)),
        ("xe bond-list params=master --minimal", .xeMinimalValues),
        ("xe vm-list uuid=a6ed46f7-e62a-40f9-8849-6a40a0a54f6f params=power-state",
         .xeList(.vm, filtered: true, minimal: false, uuid: "a6ed46f7-e62a-40f9-8849-6a40a0a54f6f")),
        ("xe vm-list uuid=$VM params=power-state", .xeList(.vm, filtered: true, minimal: false)),
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
