import Foundation
import Testing
@testable import PoolCheck

/// Real transcripts people posted (Tests/Corpus, sources in its SOURCES.md): what each must
/// yield, so the reader stays honest against the prompts and output admins really paste.
@Suite struct CorpusTests {
    static let folder = SnapshotFixture.repositoryRoot.appendingPathComponent("Tests/Corpus")

    static func parse(_ name: String) throws -> Facts {
        let path = folder.appendingPathComponent(name).path
        return try SnapshotGatherer.parse(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: name)
    }

    /// Each corpus file and the check of what it yields.
    static let expectations: [String: @Sendable (String) throws -> Void] = [
        "xcpng-time-prompt-pif-list.txt": { name in try expectThemawPIFs(try parse(name)) },
        "xcpng-coloured-typescript-pif-list.txt": { name in
            // The bytes a terminal interprets are the point of this file: check they are there.
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(bytes.contains(0x1B) && bytes.contains(13))
            try expectThemawPIFs(try parse(name))
        },
        "xcpng-time-prompt-network-list.txt": { name in
            let facts = try parse(name)
            #expect(facts.hosts.map(\.name) == ["xcp-ng"])
            #expect(facts.warnings == [])
            #expect(facts.database.networks?.records.map(\.bridge) == ["xenbr3", "xenbr1"])
            #expect(facts.database.networks?.complete == true)
        },
        "xcpng-no-space-prompt-vm-param-list.txt": { name in
            let facts = try parse(name)
            #expect(facts.hosts.map(\.name) == ["pq-uio1-r1-server1-xcp-ng"])
            #expect(facts.warnings == [])
            let vm = try #require(facts.database.VMs?["b1ecaf45-0a0f-b17b-5587-39efb49aa033"])
            #expect(vm.power_state == "running" && vm.is_control_domain == false && vm.is_a_template == false)
            #expect(vm.name_label == "PQ-UIO1-R1.IXP-Manager - 10.42.101.82")
        },
        "xcpng-7.5-host-param-list.txt": { name in
            let facts = try parse(name)
            #expect(facts.hosts.map(\.name) == ["xcp-home"])
            #expect(facts.warnings == [])
            let host = try #require(facts.database.hosts?["e9ba9347-0c02-4944-ab16-750affac025f"])
            #expect(host.hostname == "xcp-home" && host.address == "10.0.0.5" && host.enabled == true)
            #expect(host.API_version_major == 2 && host.API_version_minor == 10)
            #expect(host.suspend_image_sr == "8a2bbbd3-9c44-cc9a-c1d9-83e4a890f6fd")
        },
        "xenserver-bond-list-params-master-minimal.txt": { name in
            let facts = try parse(name)
            #expect(facts.hosts.map(\.name) == ["dt04"])
            #expect(facts.database.PIFs?.records.map(\.uuid) == ["f628a46c-f483-897b-3234-aecc3c107d84", "76472575-ef64-001f-4305-234e2dfc6f7c"])
            // The master PIF's uuid is no bond: no bond listing was read at all.
            #expect(facts.database.bonds == nil)
            #expect(facts.warnings.filter { $0.contains("`xe ") } == [
                "\(name):19: could not read \"8605deeb-76d4-9637-086f-512779f4c2c6\" as output of `xe bond-list uuid=4a243b9c-6625-4bba-776a-f29873486f81 params=master --minimal`: `--minimal` with params= other than uuid prints field values, not which records they belong to",
            ])
        },
        "xcpng-pif-list-idrac.txt": { name in
            let facts = try parse(name)
            #expect(facts.hosts.map(\.name) == ["idmbs-hv002"])
            #expect(facts.warnings == [])
            #expect(facts.database.PIFs?.records.map(\.device) == ["eth1", "idrac", "eth3"])
            #expect(facts.database.PIFs?.records.map(\.currently_attached) == [true, false, false])
            #expect(facts.database.PIFs?.records.map(\.VLAN) == [-1, -1, -1])
        },
        "xenserver-6.5-blog-pif-sr-list.txt": { name in
            let facts = try parse(name)
            #expect(facts.hosts.map(\.name) == ["xs-1"])
            #expect(facts.warnings == [])
            #expect(facts.database.PIFs?["767aac49-ba37-3be7-5bad-87ae26d97e02"]?.device == "eth2")
            let sr = try #require(facts.database.SRs?["8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca"])
            #expect(sr.type == "nfs" && sr.host == "<shared>" && sr.name_label == "NAS-2-VHD")
        },
        "xcpng-network-list-without-prompt.txt": { name in
            #expect(throws: SnapshotError.notATranscript(path: name)) { try parse(name) }
        },
        "xo-sr-param-list-hash-prompt.txt": { name in
            #expect(throws: SnapshotError.notATranscript(path: name)) { try parse(name) }
        },
        "redacted-prompt-and-values.txt": { name in
            let facts = try parse(name)
            // No prompt names a host: none is invented. The xe records are kept for the pool.
            #expect(facts.hosts.isEmpty)
            let pif = try #require(facts.database.PIFs?["f628a46c-f483-897b-3234-aecc3c107d84"])
            #expect(pif.device == "eth1" && pif.netmask == "255.255.255.0")
            #expect(pif.MAC == nil && pif.IP == nil)
            #expect(pif.wasShown("MAC") == false && pif.wasShown("IP") == false)
            #expect(facts.database.bonds == nil)
            #expect(facts.warnings == [
                "\(name):1: the prompt \"[root@ ~]#\" names no host (redacted?) (and 2 more such prompts): its xe listings are kept for the pool, output about one host is not read",
                "\(name):4: could not read \"MAC ( RO): xx:2f:xx:xx:1x\" as output of `xe pif-list device=eth1 params=uuid,device,MAC,IP,netmask`: MAC: \"xx:2f:xx:xx:1x\" is not a whole MAC address (redacted or cut?); kept as unknown",
                "\(name):5: could not read \"IP ( RO): 10.0.x.x\" as output of `xe pif-list device=eth1 params=uuid,device,MAC,IP,netmask`: IP: \"10.0.x.x\" is not a whole IP address (redacted or cut?); kept as unknown",
                "\(name):8: could not read \"inet 10.0.x.1/24 brd 10.0.0.255 scope global xenbr1\" as output of `ip address show xenbr1 | grep inet`: the prompt names no host, so this output cannot be told whose it is",
                "\(name):10: could not read \"8605deeb-76d4-9637-086f-512779f4c2c6\" as output of `xe bond-list uuid=4a243b9c-6625-4bba-776a-f29873486f81 params=master --minimal`: `--minimal` with params= other than uuid prints field values, not which records they belong to",
            ])
        },
    ]

    static func expectThemawPIFs(_ facts: Facts) throws {
        #expect(facts.hosts.map(\.name) == ["prod-hv-xcpng01"])
        #expect(facts.warnings == [])
        let pifs = try #require(facts.database.PIFs)
        #expect(pifs.records.map(\.uuid) == ["b8b0939b-2415-890d-de06-65f6123f6738", "e651aba6-b28e-b755-4d2d-a68568cea3c8"])
        #expect(pifs.records.map(\.MAC) == ["28:ac:9e:22:2c:46", "28:ac:9e:22:2a:2a"])
        #expect(pifs.records.map(\.host) == ["8082c1c5-8738-49c5-9646-2b09daf1876f", "5eb6a2d1-7e04-44b7-90ea-83367d600a8a"])
        #expect(pifs.complete == false) // filtered by network-uuid
    }

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }

    @Test func everyCorpusFileHasAnExpectation() {
        #expect(Self.files.count >= 10)
        #expect(Set(Self.files) == Set(Self.expectations.keys))
    }

    @Test(arguments: files)
    func corpusFileYieldsWhatItMust(name: String) throws {
        let check = try #require(Self.expectations[name], "no expectation for Tests/Corpus/\(name)")
        try check(name)
    }

    /// The whole folder at once: the two non-transcripts (and SOURCES.md) are skipped with a
    /// warning each, every other file is read (one odd prompt no longer aborts the folder).
    @Test func wholeFolderReadsEveryTranscript() throws {
        let facts = try SnapshotGatherer.gather(path: Self.folder.path)
        #expect(Set(facts.hosts.map(\.name)) == ["prod-hv-xcpng01", "xcp-ng", "pq-uio1-r1-server1-xcp-ng", "xcp-home", "dt04", "xs-1", "idmbs-hv002"])
        let skipped = facts.warnings.filter { $0.hasSuffix(": skipped") }.map { URL(fileURLWithPath: String($0.prefix { $0 != ":" })).lastPathComponent }
        #expect(skipped == ["SOURCES.md", "xcpng-network-list-without-prompt.txt", "xo-sr-param-list-hash-prompt.txt"])
    }
}
