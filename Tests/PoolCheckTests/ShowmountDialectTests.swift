import Foundation
import Testing
@testable import PoolCheck

/// `showmount -e` as the servers admins paste really print it (layouts per
/// Tests/SOURCES-os-commands.md): nfs-utils padding, paths with blanks, NAS lists without client
/// lists, output through `grep`, and the Solaris/illumos and BSD/macOS dialects.
@Suite struct ShowmountDialectTests {
    func list(_ transcript: String, host: String = "xs-1") throws -> (list: ExportList, warnings: [String]) {
        let facts = try SnapshotFixture.parse(transcript)
        return (try #require(facts.view(host)?.exportLists.first), facts.warnings)
    }

    @Test func synologyPathWithABlankKeepsItsClients() throws {
        // nfs-utils pads every path to the longest one; the client list is the last word.
        let (list, warnings) = try list("""
        [root@xs-1 ~]# showmount -e 172.16.16.10
        Export list for 172.16.16.10:
        /volume1/Plex Media 172.16.16.51
        /volume1/backup     172.16.16.0/24
        /volume1/vhd        172.16.16.51,172.16.16.52
        """)
        #expect(warnings == [])
        #expect(list.exports == [
            Export(path: "/volume1/Plex Media", groups: ["172.16.16.51"]),
            Export(path: "/volume1/backup", groups: ["172.16.16.0/24"]),
            Export(path: "/volume1/vhd", groups: ["172.16.16.51", "172.16.16.52"]),
        ])
        #expect(list.pathsWithoutClients == nil && list.isConclusive)
    }

    @Test func bareHostNamesAlignedWithTheOthersAreClients() throws {
        let (list, _) = try list("""
        [root@xs-1 ~]# showmount -e nas1
        Export list for nas1:
        /srv/vhd     xs1,xs2
        /srv/iso lab (everyone)
        """)
        #expect(list.exports == [Export(path: "/srv/vhd", groups: ["xs1", "xs2"]), Export(path: "/srv/iso lab", groups: ["*"])])
    }

    @Test func exportsWithoutAClientListAreKeptWithClientsUnknown() throws {
        // QNAP: paths, padded, and nothing after them.
        let (list, warnings) = try list("""
        [root@xs-1 ~]# showmount -e 172.16.0.34
        Export list for 172.16.0.34:
        /Multimedia Share 
        /Public           
        /srv/vhd          
        """)
        #expect(warnings == [])
        #expect(list.exports == [])
        #expect(list.pathsWithoutClients == ["/Multimedia Share", "/Public", "/srv/vhd"])
        #expect(!list.isConclusive)
    }

    @Test func grepOutputIsAPartialListOfTheCommandLinesServer() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# showmount -e 172.16.0.34 | grep vhd
        /srv/vhd     172.16.0.32/28
        """)
        #expect(facts.warnings == [])
        let list = try #require(facts.view("xs-1")?.exportLists.first)
        #expect(list.server == "172.16.0.34")
        #expect(list.exports == [Export(path: "/srv/vhd", groups: ["172.16.0.32/28"])])
        #expect(list.partial == true && !list.isConclusive)
        #expect(facts.view("xs-1")?.partialCommands == ["showmount -e"])
    }

    @Test func aLaterGrepUpdatesTheWholeListInsteadOfReplacingIt() throws {
        let (list, _) = try list("""
        [root@xs-1 ~]# showmount -e 172.16.0.34
        Export list for 172.16.0.34:
        /srv/iso 172.16.0.0/27
        /srv/vhd 172.16.0.32/27
        [root@xs-1 ~]# showmount -e 172.16.0.34 | grep vhd
        /srv/vhd 172.16.0.32/28
        """)
        #expect(list.exports == [Export(path: "/srv/iso", groups: ["172.16.0.0/27"]), Export(path: "/srv/vhd", groups: ["172.16.0.32/28"])])
        #expect(list.isConclusive, "the whole list stays the base")
    }

    @Test func aGreppedFileThatAgreesWithAWholeOneIsNoConflict() throws {
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        try "[root@xs-1 ~]# showmount -e 172.16.0.34 | grep vhd\n/srv/vhd 172.16.0.32/28\n"
            .write(to: folder.appendingPathComponent("a-grep.txt"), atomically: true, encoding: .utf8)
        try "[root@xs-1 ~]# showmount -e 172.16.0.34\nExport list for 172.16.0.34:\n/srv/iso 172.16.0.0/27\n/srv/vhd 172.16.0.32/28\n"
            .write(to: folder.appendingPathComponent("b-whole.txt"), atomically: true, encoding: .utf8)
        let facts = try SnapshotGatherer.gather(path: folder.path)
        #expect(facts.conflicts.isEmpty, "\(facts.conflicts)")
        #expect(facts.view("xs-1")?.exportLists.first?.isConclusive == true)
        #expect(facts.view("xs-1")?.exportLists.first?.exports.count == 2)
    }

    @Test func solarisIllumosDialect() throws {
        // illumos showmount.c: "export list for %s:", path padded to the longest, clients joined by commas.
        let (list, warnings) = try list("""
        [root@xs-1 ~]# showmount -e zfs1
        export list for zfs1:
        /export/vhd  172.16.0.32/28
        /export/home (everyone)
        """)
        #expect(warnings == [])
        #expect(list.server == "zfs1")
        #expect(list.exports == [Export(path: "/export/vhd", groups: ["172.16.0.32/28"]), Export(path: "/export/home", groups: ["*"])])
        let empty = try self.list("""
        [root@xs-1 ~]# showmount -e zfs2
        no exported file systems for zfs2
        """).list
        #expect(empty.server == "zfs2" && empty.exports == [] && empty.isConclusive)
    }

    @Test func bsdMacOSDialect() throws {
        // FreeBSD/macOS showmount.c: "Exports list on %s:", "%-34s " path, clients each followed by a blank.
        let (list, warnings) = try list("""
        [root@xs-1 ~]# showmount -e freenas
        Exports list on freenas:
        /mnt/tank/vhd                      172.16.0.32 172.16.0.0 
        /mnt/tank/Plex Media               Everyone
        /mnt/tank/a/path/longer/than/thirty-four 172.16.0.35 
        """)
        #expect(warnings == [])
        #expect(list.server == "freenas")
        #expect(list.exports == [
            Export(path: "/mnt/tank/vhd", groups: ["172.16.0.32", "172.16.0.0"]),
            Export(path: "/mnt/tank/Plex Media", groups: ["*"]),
            Export(path: "/mnt/tank/a/path/longer/than/thirty-four", groups: ["172.16.0.35"]),
        ])
    }

    @Test func bsdThroughGrepIsToldByItsBlankSeparatedClients() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# showmount -e freenas | grep iso
        /mnt/tank/iso                      172.16.0.32/28 172.16.0.0/27 
        """)
        #expect(facts.view("xs-1")?.exportLists.first?.exports == [Export(path: "/mnt/tank/iso", groups: ["172.16.0.32/28", "172.16.0.0/27"])])
    }

    @Test func looksLikeClientListAcceptsOnlyWhatCannotEndAPath() {
        for word in ["172.16.0.1", "172.16.0.32/28", "10.0.0.0/255.0.0.0", "*", "(everyone)", "@xenhosts", "*.lab.example", "xs-1.lab,10.0.0.1", "2001:db8::/64"] {
            #expect(ShowmountRow.looksLikeClientList(word), "\(word)")
        }
        for word in ["Media", "2019", "xenhost", "/x", "a,,b"] {
            #expect(!ShowmountRow.looksLikeClientList(word), "\(word)")
        }
    }
}
