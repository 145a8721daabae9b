import Testing
@testable import PoolCheck

/// The seed tutorial's transcripts, as stored in examples/pdx0, read field by field.
@Suite struct SnapshotSeedTests {
    let poolUUID = "c6f0c03a-344b-24f3-e90c-3c786725f61a"
    let xs1 = "e28ef0a3-0738-4bc5-9146-cae1205d1e20"
    let xs2 = "f781cc54-716c-4596-924a-2494dd0b6537"
    let srUUID = "8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca"
    let eth2PIF = "767aac49-ba37-3be7-5bad-87ae26d97e02"
    let storageNetwork = "45ea2b0f-cbf1-df35-010b-145b3e90b163"

    @Test func beforeHasTwoStandaloneHosts() throws {
        let facts = try SnapshotGatherer.gather(path: SnapshotFixture.example("before"))
        #expect(facts.warnings == [])
        #expect(facts.views.map(\.name) == ["xs-1", "xs-2"])

        let one = try #require(facts.view("xs-1"))
        #expect(one.hostname == "xs-1")
        #expect(one.sources == [SnapshotFixture.example("before") + "/xs-1.txt"])
        // One database holds both standalone pools; each host's list shows only itself.
        let hosts = try #require(one.database.hosts)
        #expect(hosts.complete)
        #expect(Set(hosts.records.map(\.uuid)) == [xs1, xs2])
        #expect(facts.memberships.first { $0.pool == poolUUID }?.hosts == [xs1])
        #expect(facts.memberships.first { $0.pool != poolUUID }?.hosts == [xs2])
        #expect(hosts[xs1]?.name_label == "xs-1")
        #expect(hosts[xs1]?.name_description == "Default install of XenServer")
        let pool = try #require(one.pool)
        #expect(pool.uuid == poolUUID)
        #expect(pool.name_label == "PDX0") // the later param-list, after pool-param-set, wins
        #expect(pool.name_description == "NA-US-OR-PDX-0")
        #expect(pool.master == xs1)
        #expect(pool.default_SR == nil)
        #expect(pool.crash_dump_SR == nil)
        #expect(pool.ha_enabled == false)
        #expect(pool.other_config?["memory-ratio-pv"] == "0.25")
        #expect(pool.shown?.contains("default_SR") == true) // shown, and unset
        #expect(one.commands.contains("xe pool-param-set"))
        // The storage NIC before it is configured: the seed's filtered listing, then the
        // reconstructed `xe pif-list params=all` that shows every PIF unconfigured but eth0.
        let pif = try #require(one.database.PIFs?[eth2PIF])
        #expect(pif.device == "eth2")
        #expect(pif.VLAN == -1)
        #expect(pif.network == storageNetwork)
        #expect(pif.ip_configuration_mode == "None" && pif.IP == "")
        #expect(one.database.PIFs?.complete == true)
        #expect(Set(one.database.PIFs?.records.map(\.device) ?? []) == ["eth0", "eth1", "eth2"])
        // The reconstructed join evidence: a XenServer 6.5.0 host record, xapi's own SRs, dom0.
        let record = try #require(one.database.hosts?[xs1])
        #expect(record.software_version?["product_version"] == "6.5.0")
        #expect(record.software_version?["network_backend"] == "openvswitch")
        #expect(record.software_version?["xs:main"] == "XenServer Pack, version 6.5.0, build 90233c")
        #expect(record.API_version_major == 2 && record.API_version_minor == 3)
        #expect(record.cpu_info?["vendor"] == "GenuineIntel")
        #expect(record.edition == "free")
        #expect(record.wasShown("external_auth_type") && record.external_auth_type == "")
        #expect(one.database.SRs?.complete == true)
        // Both hosts' own SRs and dom0s, in the one database.
        #expect(one.database.SRs?.records.prefix(3).map(\.name_label) == ["DVD drives", "Removable storage", "XenServer Tools"])
        #expect(one.database.SRs?.records[2].other_config?["xenserver_tools_sr"] == "true")
        #expect(one.database.VMs?.records.map(\.is_control_domain) == [true, true])
        #expect(one.database.bonds?.complete == true && one.database.bonds?.records.isEmpty == true)
        let interfaces = try #require(one.interfaces)
        #expect(interfaces.map(\.name) == ["lo", "xenbr0"])
        #expect(one.partialCommands.contains("ifconfig"))

        let two = try #require(facts.view("xs-2"))
        #expect(two.pool?.uuid == "0f77ad2f-e3e2-4516-af3c-d2073a3904eb")
        #expect(two.pool?.master == xs2)
        #expect(two.pool?.name_label == "")
        #expect(two.pool?.ha_enabled == false)
        #expect(two.database.PIFs?.records.filter { $0.management == true && $0.host == xs2 }.map(\.IP) == ["172.16.0.11"])
        #expect(two.database.hosts?[xs2]?.software_version == one.database.hosts?[xs1]?.software_version)
    }

    @Test func afterXs1() throws {
        let facts = try SnapshotGatherer.gather(path: SnapshotFixture.example("after"))
        #expect(facts.warnings == [])
        let view = try #require(facts.view("xs-1"))
        let database = view.database

        let pool = try #require(database.pool)
        #expect(pool.name_label == "PDX0")
        #expect(pool.default_SR == srUUID)
        #expect(pool.suspend_image_SR == nil)

        #expect(database.hosts?.records.map(\.uuid) == [xs2, xs1])

        let pifs = try #require(database.PIFs)
        #expect(pifs.complete) // the unfiltered pif-list
        #expect(pifs.records.count == 6)
        let eth2 = try #require(pifs[eth2PIF])
        #expect(eth2.device == "eth2")
        #expect(eth2.MAC == "00:26:55:d1:e8:cc")
        #expect(eth2.physical == true)
        #expect(eth2.currently_attached == true)
        #expect(eth2.MTU == 1500)
        #expect(eth2.bond_master_of == [])
        #expect(eth2.bond_slave_of == nil)
        #expect(eth2.tunnel_access_PIF_of == [])
        #expect(eth2.management == false)
        #expect(eth2.network == storageNetwork)
        #expect(eth2.network_name_label == "Pool-wide network associated with eth2")
        #expect(eth2.host == xs1)
        #expect(eth2.host_name_label == "xs-1")
        #expect(eth2.ip_configuration_mode == "Static")
        #expect(eth2.IP == "172.16.0.35")
        #expect(eth2.netmask == "255.255.255.240")
        #expect(eth2.gateway == "")
        #expect(eth2.IPv6 == [])
        #expect(eth2.disallow_unplug == false)
        #expect(eth2.other_config == [:])
        let management = try #require(pifs.records.first { $0.host == xs2 && $0.management == true })
        #expect(management.IP == "172.16.0.11")
        #expect(management.netmask == "255.255.255.224")
        #expect(management.gateway == "172.16.0.1")

        #expect(database.bonds?.records == [])
        #expect(database.bonds?.complete == true)

        let networks = try #require(database.networks)
        #expect(networks.records.first { $0.uuid == storageNetwork }?.bridge == "xenbr2")

        let sr = try #require(database.SRs?[srUUID])
        #expect(sr.name_label == "NAS-2-VHD")
        #expect(sr.type == "nfs")
        #expect(sr.content_type == "user")
        #expect(sr.shared == true)
        #expect(sr.host == "<shared>")
        #expect(sr.PBDs == ["d954eca7-791f-4373-afe2-41235d78b1b6", "e410739a-1d0c-4f10-923c-ddaf0acca494"])
        #expect(sr.other_config == ["auto-scan": "true"])

        let pbds = try #require(database.PBDs)
        #expect(pbds.complete == false)
        #expect(pbds.records.map(\.host) == [xs1, xs2])
        for pbd in pbds.records {
            #expect(pbd.SR == srUUID)
            #expect(pbd.device_config == ["server": "172.16.0.34", "serverpath": "/srv/vhd"])
            #expect(pbd.currently_attached == true)
        }

        let vms = try #require(database.VMs)
        #expect(vms.records.count == 2)
        #expect(vms.records.allSatisfy { $0.is_control_domain == true && $0.power_state == "running" })
        #expect(vms.records.map(\.resident_on) == [xs1, xs2])

        let interfaces = try #require(view.interfaces)
        #expect(interfaces.map(\.name) == ["lo", "xenbr0", "xenbr2"])
        let xenbr2 = interfaces[2]
        #expect(xenbr2.addresses == ["172.16.0.35/28"])
        #expect(xenbr2.netmasks == ["255.255.255.240"])
        #expect(xenbr2.broadcast == "172.16.0.47")
        #expect(xenbr2.mac == "00:26:55:D1:E8:CC")

        let exports = try #require(view.exportLists.first)
        #expect(exports.server == "172.16.0.34")
        #expect(exports.via == "showmount")
        #expect(exports.exports.map(\.path) == ["/srv/backups", "/srv/ova", "/srv/vhd", "/srv/iso", "/srv/hotfixes"])
        #expect(exports.exports[2].groups == ["172.16.0.32/28"])
        #expect(exports.exports[1].groups == ["172.16.0.32/28", "172.16.0.0/27"])

        let mounts = try #require(view.mounts)
        #expect(mounts.count == 2) // the second `mount | grep nfs` adds the SR mount
        #expect(mounts[1].device == "172.16.0.34:/srv/vhd/\(srUUID)")
        #expect(mounts[1].mountPoint == "/var/run/sr-mount/\(srUUID)")
        #expect(mounts[1].type == "nfs")
        #expect(mounts[1].options.contains("proto=tcp"))
        #expect(view.commands.contains("xe sr-create"))
        #expect(view.commands.contains("xe pif-reconfigure-ip"))
    }

    @Test func afterXs2ReadsTheGreppedDefaultSR() throws {
        let facts = try SnapshotGatherer.gather(path: SnapshotFixture.example("after"))
        let view = try #require(facts.view("xs-2"))
        let pool = try #require(view.pool) // xs-2's own reading of the pool record
        // pool-list said <not in database>; the later `pool-param-list | grep` shows the SR.
        #expect(pool.default_SR == srUUID)
        #expect(pool.master == xs1)
        // The grep showed no other-config and no ha-enabled: not shown, so not "unset".
        #expect(pool.ha_enabled == nil)
        #expect(pool.shown?.contains("ha_enabled") == false)
        #expect(view.partialCommands.contains("xe pool-param-list"))
        #expect(view.database.hosts?.records.count == 2)
        let xenbr2 = try #require(view.interfaces?.first { $0.name == "xenbr2" })
        #expect(xenbr2.addresses == ["172.16.0.36/28"])
        // xs-2's filtered pif-list names no host: the PIF is its own. Its record merges with
        // the copy xs-1's full pif-list shows (address, mask, host) into one.
        #expect(view.localPIFs == ["ac04bd58-0ea2-4211-8b90-d34d747a8eb2"])
        let eth2 = try #require(facts.database.PIFs?["ac04bd58-0ea2-4211-8b90-d34d747a8eb2"])
        #expect(eth2.device == "eth2" && eth2.network == storageNetwork)
        #expect(eth2.IP == "172.16.0.36" && eth2.netmask == "255.255.255.240" && eth2.host == xs2)
        #expect(facts.conflicts.isEmpty)
        let subject = try #require(PoolModel(facts: facts, plan: nil, phase: .audit).hosts.first { $0.name == "xs-2" })
        #expect(subject.storagePIF?.uuid == "ac04bd58-0ea2-4211-8b90-d34d747a8eb2")
    }

    /// The seed itself, prose and all: every block is read, every prose paragraph is a
    /// warning naming its file and line, and nothing is guessed from it. (The seed lives
    /// beside the repository, in ../shared/seed; the test is skipped where it is absent.)
    @Test(.enabled(if: SnapshotFixture.seedPath != nil))
    func wholeSeedGivesWarningsForProse() throws {
        let file = try #require(SnapshotFixture.seedPath)
        let facts = try SnapshotGatherer.gather(path: file)
        #expect(facts.views.map(\.name) == ["xs-1", "xs-2"])
        #expect(facts.warnings.first == "\(file):1: skipped 17 non-blank lines before the first prompt line")
        #expect(facts.warnings.contains("\(file):77: could not read \"Creating the Resource Pool\" as output of `xe pool-param-list uuid=c6f0c03a-344b-24f3-e90c-3c786725f61a params=` (and 5 more such lines up to line 86)"))
        #expect(facts.warnings.contains { $0.hasPrefix("\(file):395: could not read \"2. Conclusion\" as output of `xe pool-param-list") })
        // xs-2 joined PDX0: its complete pool-list after the join replaces its own old pool.
        let two = try #require(facts.view("xs-2"))
        #expect(two.database.pools?.records.map(\.uuid) == [poolUUID])
        #expect(two.database.pool?.default_SR == srUUID)
        // The pool-join's password is not repeated anywhere.
        #expect(!facts.warnings.joined().contains("PASSWORD"))
        #expect(two.commands.contains("xe pool-join"))
    }
}
