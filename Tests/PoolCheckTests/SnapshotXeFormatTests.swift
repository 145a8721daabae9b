import Testing
@testable import PoolCheck

/// Every way xe prints records: kinds, alignment, maps, sets, unset references, empty
/// values, indentation, blank-line and grep separators, --minimal, param-get.
@Suite struct SnapshotXeFormatTests {
    let pif = "767aac49-ba37-3be7-5bad-87ae26d97e02"
    let host = "e28ef0a3-0738-4bc5-9146-cae1205d1e20"
    let network = "45ea2b0f-cbf1-df35-010b-145b3e90b163"
    let bond = "0c8cdbd4-8c3f-4f53-a9c2-2d0c9e4e0d31"
    let slaveA = "1f3ee6eb-09c2-44d3-82a8-ce20954f5092"
    let slaveB = "c505bfb4-0b33-4ec8-9915-6ac27e37f0a9"

    @Test func alignedAndUnalignedColonsAndAllSixKinds() throws {
        let text = """
        [root@xs-1 ~]# xe pif-param-list uuid=\(pif)
        uuid ( RO)                   : \(pif)
                         device ( RO): eth2
                 bond-master-of (SRO): \(bond)
                  bond-slave-of ( RO): <not in database>
                   other-config (MRW): management_purpose: Storage; ethtool-gro: on
                disallow-unplug ( RW): true
                      some-sets (SRW): a; b
                     some-map (MRO): k: v

        [root@xs-1 ~]# xe bond-list
        uuid ( RO): \(bond)
        master ( RO):\(pif)
        slaves ( RO)  :  \(slaveA); \(slaveB)
        mode ( RW): lacp
        """
        let facts = try SnapshotFixture.parse(text)
        #expect(facts.warnings == [])
        let view = try #require(facts.view("xs-1"))
        let record = try #require(view.database.PIFs?[pif])
        #expect(record.device == "eth2")
        #expect(record.bond_master_of == [bond])
        #expect(record.bond_slave_of == nil)
        #expect(record.other_config == ["management_purpose": "Storage", "ethtool-gro": "on"])
        #expect(record.disallow_unplug == true)
        #expect(record.shown == ["device", "bond_master_of", "bond_slave_of", "other_config", "disallow_unplug"])
        let bondRecord = try #require(view.database.bonds?[bond])
        #expect(bondRecord.master == pif)
        #expect(bondRecord.slaves == [slaveA, slaveB])
        #expect(bondRecord.mode == "lacp")
        #expect(view.database.bonds?.complete == true)
    }

    @Test func emptyValuesAndUnsetReferencesDiffer() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe pool-list
        uuid ( RO)                : c6f0c03a-344b-24f3-e90c-3c786725f61a
                  name-label ( RW): 
            name-description ( RW):
                      master ( RO): \(host)
                  default-SR ( RW): <not in database>
               crash-dump-SR ( RW):
        """)
        let pool = try #require(facts.view("xs-1")?.database.pool)
        #expect(pool.name_label == "")
        #expect(pool.name_description == "")
        #expect(pool.default_SR == nil)
        #expect(pool.crash_dump_SR == nil) // an empty reference is no reference
        #expect(pool.suspend_image_SR == nil)
        #expect(pool.shown?.contains("crash_dump_SR") == true)
        #expect(pool.shown?.contains("suspend_image_SR") == false) // not shown at all
    }

    @Test func sharedHostAndIndentedRecordsSeparatedByBlankLines() throws {
        let facts = try SnapshotFixture.parse("""
            [root@xs-1 ~]# xe sr-list
            uuid ( RO)                : 8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca
                      name-label ( RW): NAS-2-VHD
                            host ( RO): <shared>
                            type ( RO): nfs

            uuid ( RO)                : 4c4b3a21-0000-4000-8000-00000000aaaa
                      name-label ( RW): Local storage
                            host ( RO): xs-1
                            type ( RO): lvm

        """)
        let srs = try #require(facts.view("xs-1")?.database.SRs)
        #expect(srs.complete)
        #expect(srs.records.map(\.host) == ["<shared>", "xs-1"])
        #expect(srs.records.map(\.type) == ["nfs", "lvm"])
        #expect(srs.records[0].shared == nil) // <shared> is a PBD count, not the shared flag
    }

    @Test func sameUUIDMergesFieldsLaterWins() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe pif-list
        uuid ( RO): \(pif)
        device ( RO): eth2
        IP ( RO): 172.16.0.35

        [root@xs-1 ~]# xe pif-param-list uuid=\(pif) params=IP,netmask
        uuid ( RO): \(pif)
        IP ( RO): 172.16.0.36
        netmask ( RO): 255.255.255.240
        """)
        let pifs = try #require(facts.view("xs-1")?.database.PIFs)
        #expect(pifs.records.count == 1)
        #expect(pifs.records[0].device == "eth2") // kept from the first listing
        #expect(pifs.records[0].IP == "172.16.0.36") // later wins
        #expect(pifs.records[0].netmask == "255.255.255.240")
        #expect(pifs.complete) // the unfiltered pif-list was read
    }

    @Test func filtersParamsAndGrepSetCompleteness() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe vm-list params=uuid,power-state
        uuid ( RO): a6ed46f7-e62a-40f9-8849-6a40a0a54f6f
        power-state ( RO): running

        [root@xs-1 ~]# xe pbd-list host-uuid=$INSTALLATION_UUID
        uuid ( RO): d954eca7-791f-4373-afe2-41235d78b1b6
        currently-attached ( RO): true

        [root@xs-1 ~]# xe host-list | grep -B1 name-label
        uuid ( RO): \(host)
        name-label ( RW): xs-1
        --
        uuid ( RO): f781cc54-716c-4596-924a-2494dd0b6537
        name-label ( RW): xs-2
        """)
        let database = try #require(facts.view("xs-1")?.database)
        #expect(database.VMs?.complete == true) // params= limits fields, not records
        #expect(database.PBDs?.complete == false)
        #expect(database.hosts?.complete == false)
        #expect(database.hosts?.records.map(\.name_label) == ["xs-1", "xs-2"])
        #expect(database.hosts?.records[0].name_description == nil)
        #expect(facts.view("xs-1")?.partialCommands == ["xe host-list"])
        #expect(facts.warnings == [])
    }

    @Test func grepWithoutSeparatorsStartsANewRecordOnARepeatedField() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe pif-list params=uuid,device,IP | grep -v '^$'
        uuid ( RO): \(pif)
        device ( RO): eth2
        uuid ( RO): \(slaveA)
        device ( RO): eth0
        """)
        let pifs = try #require(facts.view("xs-1")?.database.PIFs)
        #expect(pifs.records.map(\.device) == ["eth2", "eth0"])
        #expect(pifs.complete == false)
    }

    @Test func paramListThroughGrepUsesTheUUIDFromTheCommand() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-2 ~]# xe pool-param-list uuid=c6f0c03a-344b-24f3-e90c-3c786725f61a | grep default-SR
        default-SR ( RW): 8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca
        """)
        let pool = try #require(facts.view("xs-2")?.database.pool)
        #expect(pool.uuid == "c6f0c03a-344b-24f3-e90c-3c786725f61a")
        #expect(pool.default_SR == "8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca")
        #expect(pool.shown == ["default_SR"])
    }

    @Test func recordWithoutUUIDIsAWarningNotAGuess() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe host-list params=name-label
        name-label ( RW): xs-1

        name-label ( RW): xs-2
        """)
        #expect(facts.view("xs-1")?.database.hosts?.records == [])
        #expect(facts.warnings == [
            "t.txt:2: could not read \"name-label ( RW): xs-1\" as output of `xe host-list params=name-label`: this record shows no uuid, so it cannot be told which host it is (and 1 more such line up to line 4)",
        ])
    }

    @Test func minimalAndParamGet() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe host-list --minimal
        \(host),f781cc54-716c-4596-924a-2494dd0b6537
        [root@xs-1 ~]# xe pool-param-get uuid=c6f0c03a-344b-24f3-e90c-3c786725f61a param-name=default-SR
        8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca
        [root@xs-1 ~]# xe pif-param-get uuid=\(pif) param-name=MTU
        9000
        [root@xs-1 ~]# xe pif-param-get uuid=\(pif) param-name=other-config param-key=management_purpose
        Storage
        """)
        let database = try #require(facts.view("xs-1")?.database)
        #expect(database.hosts?.records.map(\.uuid) == [host, "f781cc54-716c-4596-924a-2494dd0b6537"])
        #expect(database.hosts?.complete == true)
        #expect(database.pool?.default_SR == "8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca")
        #expect(database.PIFs?[pif]?.MTU == 9000)
        #expect(facts.warnings == [
            "t.txt:8: could not read \"Storage\" as output of `xe pif-param-get uuid=\(pif) param-name=other-config param-key=management_purpose`: a single map entry (param-key) is not read",
        ])
    }

    @Test func badValuesAreWarningsWithFileAndLine() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe pif-list
        uuid ( RO): \(pif)
        MTU ( RO): big
        currently-attached ( RO): yes
        network-uuid ( RO): 45ea2b0f
        other-config (MRW): no-colon-here
        device ( RO): eth2

        uuid ( RO): 767aac49-ba37
        device ( RO): eth9
        """)
        let record = try #require(facts.view("xs-1")?.database.PIFs?[pif])
        #expect(record.device == "eth2")
        #expect(record.MTU == nil && record.currently_attached == nil && record.network == nil)
        #expect(facts.view("xs-1")?.database.PIFs?.records.count == 1)
        #expect(facts.warnings == [
            "t.txt:3: could not read \"MTU ( RO): big\" as output of `xe pif-list`: MTU: \"big\" is not a whole number",
            "t.txt:4: could not read \"currently-attached ( RO): yes\" as output of `xe pif-list`: currently-attached: \"yes\" is not true or false",
            "t.txt:5: could not read \"network-uuid ( RO): 45ea2b0f\" as output of `xe pif-list`: network-uuid: \"45ea2b0f\" is not a uuid",
            "t.txt:6: could not read \"other-config (MRW): no-colon-here\" as output of `xe pif-list`: other-config: map entry \"no-colon-here\" has no `key: value` form",
            "t.txt:9: could not read \"uuid ( RO): 767aac49-ba37\" as output of `xe pif-list`: record uuid \"767aac49-ba37\" is not a uuid (truncated?) (and 1 more such line up to line 10)",
        ])
    }

    @Test func everyClassIsRead() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe host-param-list uuid=\(host)
        uuid ( RO): \(host)
        hostname ( RO): xs-1
        address ( RO): 172.16.0.10
        enabled ( RO): true
        software-version (MRO): product_version: 6.5.0; build_number: 90233c
        API-version-major ( RO): 2
        API-version-minor ( RO): 4
        suspend-image-sr-uuid ( RW): <not in database>
        crash-dump-sr-uuid ( RW): 8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca
        edition ( RO): free
        [root@xs-1 ~]# xe network-param-list uuid=\(network)
        uuid ( RO): \(network)
        PIF-uuids (SRO): \(pif)
        MTU ( RW): 1500
        bridge ( RO): xenbr2
        [root@xs-1 ~]# xe vlan-list
        uuid ( RO): 6d95ef8d-8b2e-4ec1-89e4-9516583e4867
        tagged-PIF ( RO): \(pif)
        untagged-PIF ( RO): \(slaveA)
        tag ( RO): 42
        [root@xs-1 ~]# xe tunnel-list
        [root@xs-1 ~]# xe pbd-param-list uuid=d954eca7-791f-4373-afe2-41235d78b1b6
        uuid ( RO): d954eca7-791f-4373-afe2-41235d78b1b6
        host ( RO) [DEPRECATED]: \(host)
        host-uuid ( RO): \(host)
        sr-uuid ( RO): 8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca
        sr-name-label ( RO): NAS-2-VHD
        device-config (MRO): serverpath: /srv/vhd; server: 172.16.0.34; password: hunter2
        currently-attached ( RO): false
        [root@xs-1 ~]# xe vm-param-list uuid=a6ed46f7-e62a-40f9-8849-6a40a0a54f6f
        uuid ( RO): a6ed46f7-e62a-40f9-8849-6a40a0a54f6f
        name-label ( RW): web-1
        is-a-template ( RW): false
        is-control-domain ( RO): false
        power-state ( RO): halted
        resident-on ( RO): <not in database>
        """)
        let database = try #require(facts.view("xs-1")?.database)
        let hostRecord = try #require(database.hosts?[host])
        #expect(hostRecord.hostname == "xs-1")
        #expect(hostRecord.address == "172.16.0.10")
        #expect(hostRecord.enabled == true)
        #expect(hostRecord.software_version == ["product_version": "6.5.0", "build_number": "90233c"])
        #expect(hostRecord.API_version_major == 2 && hostRecord.API_version_minor == 4)
        #expect(hostRecord.suspend_image_sr == nil)
        #expect(hostRecord.crash_dump_sr == "8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca")
        #expect(hostRecord.edition == "free")
        #expect(database.networks?[network]?.PIFs == [pif])
        #expect(database.networks?[network]?.MTU == 1500)
        #expect(database.VLANs?.records.first?.tag == 42)
        #expect(database.VLANs?.records.first?.untagged_PIF == slaveA)
        #expect(database.tunnels?.records == [])
        #expect(database.tunnels?.complete == true)
        let pbd = try #require(database.PBDs?.records.first)
        #expect(pbd.host == host)
        #expect(pbd.SR_name_label == "NAS-2-VHD")
        #expect(pbd.currently_attached == false)
        // Secrets in device-config never reach the facts, from a transcript as from XAPI.
        #expect(pbd.device_config == ["serverpath": "/srv/vhd", "server": "172.16.0.34", "password": "<redacted>"])
        let vm = try #require(database.VMs?.records.first)
        #expect(vm.power_state == "halted" && vm.is_a_template == false && vm.resident_on == nil)
        #expect(facts.warnings == [])
    }

    /// xe marks fields kept for old scripts `name ( RO) [DEPRECATED]: value`: still read.
    @Test func deprecatedMarkerIsRead() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe pbd-param-list uuid=d954eca7-791f-4373-afe2-41235d78b1b6
        uuid ( RO)                     : d954eca7-791f-4373-afe2-41235d78b1b6
             host ( RO) [DEPRECATED]: \(host)
                 currently-attached ( RO): true
        [root@xs-1 ~]# xe vm-param-list uuid=a6ed46f7-e62a-40f9-8849-6a40a0a54f6f
        uuid ( RO): a6ed46f7-e62a-40f9-8849-6a40a0a54f6f
        ha-always-run ( RW) [DEPRECATED]: false
        power-state ( RO): running
        broken ( RO) [deprecated]: x
        """)
        #expect(facts.database.PBDs?["d954eca7-791f-4373-afe2-41235d78b1b6"]?.host == host)
        #expect(facts.database.VMs?["a6ed46f7-e62a-40f9-8849-6a40a0a54f6f"]?.power_state == "running")
        // Only xe's own upper-case marker: anything else in brackets is still reported.
        #expect(facts.warnings == [
            "t.txt:9: could not read \"broken ( RO) [deprecated]: x\" as output of `xe vm-param-list uuid=a6ed46f7-e62a-40f9-8849-6a40a0a54f6f`",
        ])
    }

    /// `params=master --minimal` prints the master PIFs' uuids: read as bond uuids they
    /// were phantom bonds, and an empty or short list said something about bonds it cannot.
    @Test func minimalListOfFieldValuesIsNotReadAsRecords() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe bond-list params=master --minimal
        \(pif)
        [root@xs-1 ~]# xe pif-list params=uuid --minimal
        \(slaveA),\(slaveB)
        """)
        #expect(facts.database.bonds == nil)
        #expect(facts.database.PIFs?.records.map(\.uuid) == [slaveA, slaveB])
        #expect(facts.warnings == [
            "t.txt:2: could not read \"\(pif)\" as output of `xe bond-list params=master --minimal`: `--minimal` with params= other than uuid prints field values, not which records they belong to",
        ])
    }

    /// A uuid-only record (`--minimal`, `params=uuid`) shows no field: it must not read as a
    /// full record whose fields are all unset (no default SR, no master...).
    @Test func uuidOnlyRecordsShowNoField() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe pool-list --minimal
        c6f0c03a-344b-24f3-e90c-3c786725f61a
        [root@xs-1 ~]# xe host-list params=uuid
        uuid ( RO)    : \(host)
        """)
        let pool = try #require(facts.database.pool)
        #expect(pool.default_SR == nil && !pool.wasShown("default_SR") && !pool.wasShown("master"))
        let hostRecord = try #require(facts.database.hosts?[host])
        #expect(!hostRecord.wasShown("address") && !hostRecord.wasShown("enabled"))
    }

    /// `xe vm-list uuid=X params=...` prints no uuid line; the command names the record.
    @Test func listFilteredByUUIDKeepsItsRecordWithoutAUUIDLine() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe vm-list uuid=a6ed46f7-e62a-40f9-8849-6a40a0a54f6f params=name-label,power-state
        name-label ( RW)    : web-1
            power-state ( RO): halted
        [root@xs-1 ~]# xe vm-list uuid=$VM params=power-state
        power-state ( RO): running
        """)
        let vm = try #require(facts.database.VMs?["a6ed46f7-e62a-40f9-8849-6a40a0a54f6f"])
        #expect(vm.name_label == "web-1" && vm.power_state == "halted")
        #expect(facts.database.VMs?.records.count == 1)
        #expect(facts.database.VMs?.complete == false)
        #expect(facts.warnings == [
            "t.txt:5: could not read \"power-state ( RO): running\" as output of `xe vm-list uuid=$VM params=power-state`: this record shows no uuid, so it cannot be told which vm it is",
        ])
    }

    /// Masked or cut addresses are no evidence: kept as unknown (not shown), with a warning
    /// naming the line, so a rule says "no evidence" instead of judging a fake value.
    @Test func redactedOrCutValuesAreUnknown() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe pif-param-list uuid=\(pif)
        uuid ( RO): \(pif)
        device ( RO): eth2
        MAC ( RO): xx:2f:xx:xx:1x
        IP ( RO): 172.16.x.x
        netmask ( RO): 255.255.255.240
        gateway ( RO):
        IPv6 (SRO): fe80::xxxx/64
        [root@xs-1 ~]# xe pif-param-list uuid=\(slaveA)
        uuid ( RO): \(slaveA)
        MAC ( RO): 9
        IP ( RO): 172.16.0.35
        [root@xs-1 ~]# xe pbd-param-list uuid=d954eca7-791f-4373-afe2-41235d78b1b6
        uuid ( RO): d954eca7-791f-4373-afe2-41235d78b1b6
        device-config (MRO): serverpath: /srv/vhd; server: 172.16.x.x
        [root@xs-1 ~]# xe host-param-list uuid=\(host)
        uuid ( RO): \(host)
        address ( RO): 10.0.0.xxx
        hostname ( RO): xs-1
        """)
        let database = facts.database
        let first = try #require(database.PIFs?[pif])
        #expect(first.device == "eth2" && first.netmask == "255.255.255.240" && first.gateway == "")
        #expect(first.MAC == nil && first.IP == nil && first.IPv6 == nil)
        #expect(!first.wasShown("MAC") && !first.wasShown("IP") && !first.wasShown("IPv6"))
        let second = try #require(database.PIFs?[slaveA])
        #expect(second.MAC == nil && second.IP == "172.16.0.35")
        let pbd = try #require(database.PBDs?.records.first)
        #expect(pbd.device_config == nil && !pbd.wasShown("device_config"))
        let hostRecord = try #require(database.hosts?[host])
        #expect(hostRecord.address == nil && hostRecord.hostname == "xs-1")
        let cmd1 = "xe pif-param-list uuid=\(pif)"
        #expect(facts.warnings == [
            "t.txt:4: could not read \"MAC ( RO): xx:2f:xx:xx:1x\" as output of `\(cmd1)`: MAC: \"xx:2f:xx:xx:1x\" is not a whole MAC address (redacted or cut?); kept as unknown",
            "t.txt:5: could not read \"IP ( RO): 172.16.x.x\" as output of `\(cmd1)`: IP: \"172.16.x.x\" is not a whole IP address (redacted or cut?); kept as unknown",
            "t.txt:8: could not read \"IPv6 (SRO): fe80::xxxx/64\" as output of `\(cmd1)`: IPv6: \"fe80::xxxx/64\" is not a whole IPv6 address (redacted or cut?); kept as unknown",
            "t.txt:11: could not read \"MAC ( RO): 9\" as output of `xe pif-param-list uuid=\(slaveA)`: MAC: \"9\" is not a whole MAC address (redacted or cut?); kept as unknown",
            "t.txt:15: could not read \"device-config (MRO): serverpath: /srv/vhd; server: 172.16.x.x\" as output of `xe pbd-param-list uuid=d954eca7-791f-4373-afe2-41235d78b1b6`: device-config: \"172.16.x.x\" looks redacted; kept as unknown",
            "t.txt:18: could not read \"address ( RO): 10.0.0.xxx\" as output of `xe host-param-list uuid=\(host)`: address: \"10.0.0.xxx\" is not a whole IP address (redacted or cut?); kept as unknown",
        ])
    }

    @Test(arguments: [
        ("address", "172.16.0", false), ("address", "10.0.0.xxx", false), ("address", "xs-1.example.com", true),
        ("address", "10.0.0.5", true), ("IP", "", true), ("MAC", "00:1F:29:C4:9F:5C", true), ("MAC", "00:1f:29:c4:9f", false),
    ])
    func addressFieldsAreWholeOrUnknown(field: String, value: String, whole: Bool) {
        #expect((RedactedValue.reason(field: field, value) == nil) == whole)
    }

    @Test(arguments: [
        ("172.16.x.x", true), ("10.*.*.5", true), ("xx:2f:xx:xx:1x", true), ("<redacted>", true), ("XXXX", true),
        ("172.16.0.34", false), ("nas-2.example.com", false), ("fe80::1", false), ("/srv/vhd", false), ("x", false),
    ])
    func maskedValues(value: String, masked: Bool) {
        #expect(RedactedValue.looksMasked(value) == masked)
    }

    @Test func xeDashSNamesTheHostAsked() throws {
        let facts = try SnapshotFixture.parse("""
        [root@xs-1 ~]# xe -s xs-2 -u root -pw s3cret host-list params=uuid
        uuid ( RO): f781cc54-716c-4596-924a-2494dd0b6537
        [root@xs-1 ~]# xe -s xs-2 -u root -pw s3cret vdi-list
        uuid ( RO): 19c6c4a5-43b1-4aee-914f-dea5b84efba7
        """)
        #expect(facts.views.map(\.name) == ["xs-2"])
        #expect(facts.warnings == [
            "t.txt:4: could not read \"uuid ( RO): 19c6c4a5-43b1-4aee-914f-dea5b84efba7\" as output of `xe -s xs-2 -u root -pw <redacted> vdi-list`: poolcheck does not read this command's output",
        ])
    }
}
