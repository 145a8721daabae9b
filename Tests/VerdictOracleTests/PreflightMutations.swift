/// Mutations of the hosts before the pool is built (preflight). Each host is its own pool,
/// so every host's `xe` is its own: the "master-listings" layout is the every-host one here.
enum PreflightMutations {
    static let renderings: [Rendering] = [.everyHost, .xapi, .facts]
    static let pool = Healthy.pool
    static let export = Healthy.export

    static func joinMismatch(_ name: String, _ rule: String, _ note: String, _ edit: @escaping (inout HostRecord) -> Void) -> Mutation {
        Mutation(name: name, phase: .preflight, note: note, renderings: renderings,
                 edit: { $0.editHost("xs-3", edit) }, delta: [fail(rule, "xs-3")])
    }

    /// Every host rule of a preflight host, with one status.
    static func hostRules(_ host: String, _ status: String, reason: String? = nil) -> [(ResultKey, Expect)] {
        (["host-not-pooled", "nfs-export-acl", "storage-subnet-dedicated", "storage-subnet-mask"] + joinRules).map {
            (ResultKey(rule: $0, target: host), .status(status, reason: reason))
        }
    }

    static let list: [Mutation] = [
        Mutation(name: "preflight-healthy", phase: .preflight,
                 note: "three fresh hosts, xs-1 master of PDX0, planned storage not configured yet", renderings: renderings),
        // Not over XAPI: xs-2's port redirects to xs-9, whose records give xs-2 its planned address, not the
        // simulator's 127.0.0.1, so the asked host cannot be named (a simulator artefact: real hosts answer on theirs).
        Mutation(name: "joiner-already-pooled", phase: .preflight, note: "xs-2 is a member of pool OTHER whose master is xs-9",
                 renderings: renderings.filter { $0 != .xapi }, edit: { s in
                     let other = IDs.make(0x09, 9)
                     s.addHostRecord(to: "xs-2", name: "xs-9", uuid: other, address: "172.16.0.29")
                     s.editPool(of: "xs-2") { pool in
                         pool.name = "OTHER"
                         pool.master = other
                     }
                 },
                 delta: [fail("host-not-pooled", "xs-2")],
                 targetWildcards: ["xs-9": .absentOrSkip]),
        Mutation(name: "joiner-master-with-members", phase: .preflight, note: "xs-3 is the master of a pool with member xs-8",
                 renderings: renderings, edit: { $0.addHostRecord(to: "xs-3", name: "xs-8", uuid: IDs.make(0x08, 8), address: "172.16.0.28") },
                 delta: [fail("host-not-pooled", "xs-3")],
                 targetWildcards: ["xs-8": .absentOrSkip]),
        Mutation(name: "master-to-be-has-members", phase: .preflight,
                 note: "growing an existing pool: xs-1 is the master of PDX0 with member xs-4 already; host-not-pooled passes for xs-1",
                 renderings: renderings, edit: { $0.addHostRecord(to: "xs-1", name: "xs-4", uuid: IDs.make(0x04, 4), address: "172.16.0.13") },
                 targetWildcards: ["xs-4": .absentOrSkip]),
        Mutation(name: "joiner-ha-enabled", phase: .preflight, note: "xs-2's own pool has HA enabled",
                 renderings: renderings, edit: { $0.editPool(of: "xs-2") { $0.haEnabled = true } },
                 delta: [fail("host-not-pooled", "xs-2"), fail("join-ha-disabled", "xs-2")]),
        Mutation(name: "target-pool-ha-enabled", phase: .preflight, note: "the target pool PDX0 (xs-1) has HA enabled: no join possible",
                 renderings: renderings, edit: { $0.editPool(of: "xs-1") { $0.haEnabled = true } },
                 delta: [fail("join-ha-disabled", "xs-2"), fail("join-ha-disabled", "xs-3")]),
        joinMismatch("join-software-version", "join-same-software-version", "xs-3 runs product_version 6.2.0") { $0.productVersion = "6.2.0" },
        joinMismatch("join-api-version", "join-same-api-version", "xs-3 speaks API 2.3") { $0.apiMinor = 3 },
        joinMismatch("join-product-brand", "join-same-product-brand", "xs-3 is XCP-ng") { $0.productBrand = "XCP-ng" },
        joinMismatch("join-network-backend", "join-same-network-backend", "xs-3 uses the Linux bridge") { $0.networkBackend = "bridge" },
        joinMismatch("join-external-auth", "join-same-external-auth", "xs-3 is joined to Active Directory") { host in
            host.externalAuthType = "AD"
            host.externalAuthServiceName = "corp.example.com"
        },
        joinMismatch("join-cpu-vendor", "join-same-cpu-vendor", "xs-3 has an AMD CPU") { $0.cpuVendor = "AuthenticAMD" },
        joinMismatch("join-edition", "join-same-edition", "xs-3 is licensed enterprise-per-socket") { $0.edition = "enterprise-per-socket" },
        Mutation(name: "join-management-vlan", phase: .preflight, note: "xs-3's management interface is on VLAN 10 (a VLAN PIF on eth0)",
                 renderings: renderings, edit: { s in
                     s.editDatabase(of: "xs-3") { db in
                         let eth0 = db.pifIndex(host: "xs-3", device: "eth0")
                         var vlanPIF = db.pifs[eth0]
                         db.pifs[eth0].management = false
                         db.pifs[eth0].mode = "None"
                         db.pifs[eth0].ip = ""
                         db.pifs[eth0].netmask = ""
                         db.pifs[eth0].gateway = ""
                         let network = IDs.make(0x1e7a, 10)
                         vlanPIF.uuid = IDs.make(0x9a9a, 10)
                         vlanPIF.physical = false
                         vlanPIF.vlan = 10
                         vlanPIF.network = network
                         vlanPIF.mac = "fe:ff:ff:ff:ff:ff"
                         let vlan = VLANRecord(uuid: IDs.make(0x71a0, 10), taggedPIF: db.pifs[eth0].uuid, untaggedPIF: vlanPIF.uuid, tag: 10)
                         vlanPIF.vlanMasterOf = vlan.uuid
                         db.pifs.append(vlanPIF)
                         db.vlans.append(vlan)
                         db.networks.append(NetworkRecord(uuid: network, name: "management VLAN 10", bridge: "xapi2", pifs: [vlanPIF.uuid]))
                     }
                     s.setOSAddress("xs-3", "xenbr0", nil)
                     s.setOSAddress("xs-3", "xapi2", "172.16.0.12/27")
                 },
                 delta: [fail("join-same-management-vlan", "xs-3")]),
        Mutation(name: "joiner-has-bond", phase: .preflight, note: "xs-2 already has a bond of eth2+eth3 (no address)",
                 renderings: renderings, edit: { s in
                     s.editDatabase(of: "xs-2") { db in
                         let bond = IDs.make(0xb0d9, 2), master = IDs.make(0x9b9b, 2), network = IDs.make(0x1e7b, 2)
                         db.networks.append(NetworkRecord(uuid: network, name: "bond", bridge: "xapi1", pifs: [master]))
                         var pif = PIFRecord(uuid: master, device: "bond0", mac: HealthyPool.mac(1, 2), host: IDs.xs2, network: network)
                         pif.physical = false
                         pif.bondMasterOf = [bond]
                         db.pifs.append(pif)
                         for device in ["eth2", "eth3"] { db.pifs[db.pifIndex(host: "xs-2", device: device)].bondSlaveOf = bond }
                         db.bonds.append(BondRecord(uuid: bond, master: master, slaves: [HealthyPool.pifUUID(1, 2), HealthyPool.pifUUID(1, 3)]))
                     }
                 },
                 delta: [fail("join-no-bonds", "xs-2")]),
        Mutation(name: "joiner-has-tunnel", phase: .preflight, note: "xs-2 has a tunnel over eth1",
                 renderings: renderings, edit: { s in
                     s.editDatabase(of: "xs-2") { db in
                         let tunnel = IDs.make(0x7077, 2), access = IDs.make(0x9c9c, 2), network = IDs.make(0x1e7c, 2)
                         db.networks.append(NetworkRecord(uuid: network, name: "private", bridge: "xapi3", pifs: [access]))
                         var pif = PIFRecord(uuid: access, device: "tunnel0", mac: "fe:ff:ff:ff:ff:fe", host: IDs.xs2, network: network)
                         pif.physical = false
                         pif.tunnelAccessOf = [tunnel]
                         db.pifs.append(pif)
                         db.pifs[db.pifIndex(host: "xs-2", device: "eth1")].tunnelTransportOf = [tunnel]
                         db.tunnels.append(TunnelRecord(uuid: tunnel, accessPIF: access, transportPIF: HealthyPool.pifUUID(1, 1)))
                     }
                 },
                 delta: [fail("join-no-tunnels", "xs-2")]),
        Mutation(name: "joiner-has-vlan", phase: .preflight, note: "xs-3 has VLAN 200 on eth1 (not management)",
                 renderings: renderings, edit: { s in
                     s.editDatabase(of: "xs-3") { db in
                         let vlan = IDs.make(0x71a1, 200), untagged = IDs.make(0x9d9d, 3), network = IDs.make(0x1e7d, 3)
                         db.networks.append(NetworkRecord(uuid: network, name: "VLAN 200", bridge: "xapi4", pifs: [untagged]))
                         var pif = PIFRecord(uuid: untagged, device: "eth1", mac: "fe:ff:ff:ff:ff:fd", host: IDs.xs3, network: network)
                         pif.physical = false
                         pif.vlan = 200
                         pif.vlanMasterOf = vlan
                         db.pifs.append(pif)
                         db.vlans.append(VLANRecord(uuid: vlan, taggedPIF: HealthyPool.pifUUID(2, 1), untaggedPIF: untagged, tag: 200))
                     }
                 },
                 delta: [fail("join-no-non-management-vlans", "xs-3")]),
        Mutation(name: "joiner-has-shared-sr", phase: .preflight, note: "xs-2 has a shared NFS SR of its own (an old filer, 172.16.0.3:/export/vms)",
                 renderings: renderings, edit: { s in
                     s.editDatabase(of: "xs-2") { db in
                         let sr = IDs.make(0x5152, 2)
                         db.srs.append(SRRecord(uuid: sr, name: "old-vms", type: "nfs", shared: true))
                         db.pbds.append(PBDRecord(uuid: IDs.make(0x7bd2, 2), host: IDs.xs2, sr: sr,
                                                  deviceConfig: [("serverpath", "/export/vms"), ("server", "172.16.0.3")]))
                     }
                     s.editMachine("xs-2") { $0.mounts.append(HealthyPool.nfsMountLine(server: "172.16.0.3", path: "/export/vms", sr: IDs.make(0x5152, 2))) }
                 },
                 delta: [fail("join-no-shared-srs", "xs-2")]),
        Mutation(name: "joiner-running-vm", phase: .preflight, note: "a guest runs on xs-3",
                 renderings: renderings, edit: { s in
                     s.editDatabase(of: "xs-3") { db in db.vms.append(VMRecord(uuid: IDs.make(0x7771, 3), name: "app-01", powerState: "running", residentOn: IDs.xs3)) }
                 },
                 delta: [fail("join-no-running-vms", "xs-3")]),
        Mutation(name: "joiner-suspended-vm", phase: .preflight, note: "a suspended guest on xs-2",
                 renderings: renderings, edit: { s in
                     s.editDatabase(of: "xs-2") { db in db.vms.append(VMRecord(uuid: IDs.make(0x7771, 2), name: "old-01", powerState: "suspended", residentOn: nil)) }
                 },
                 delta: [fail("join-no-running-vms", "xs-2")]),
        Mutation(name: "joiner-halted-vm", phase: .preflight, note: "a halted guest on xs-2: no obstacle",
                 renderings: renderings, edit: { s in
                     s.editDatabase(of: "xs-2") { db in db.vms.append(VMRecord(uuid: IDs.make(0x7771, 2), name: "tmpl-01", powerState: "halted", residentOn: nil)) }
                 }),
        Mutation(name: "preflight-export-missing-one-host", phase: .preflight, note: "/srv/vhd does not admit xs-3's planned .37",
                 renderings: renderings, edit: { $0.setExport("/srv/vhd", ["172.16.0.35", "172.16.0.36"]) },
                 delta: [fail("nfs-export-acl", "xs-3")]),
        Mutation(name: "preflight-nfs-outside-storage-subnet", phase: .preflight, note: "the plan's NFS server 172.16.0.20 is on the management subnet",
                 renderings: renderings, edit: { s in
                     s.plan.nfsServer = "172.16.0.20"
                     s.exportTables["172.16.0.20"] = s.exportTables[HealthyPool.nfsServer]
                     for index in s.machines.indices { s.machines[index].showmountServer = "172.16.0.20" }
                 },
                 delta: HealthyPool.names.map { fail("storage-subnet-dedicated", $0) } + AuditMutations.nfsTargetsMove(to: "172.16.0.20")),
        Mutation(name: "preflight-configured-mask-overlap", phase: .preflight,
                 note: "xs-2's eth2 is already configured 172.16.0.36/26 (overlapping management): configured beats planned",
                 renderings: renderings, edit: { s in
                     s.editPIF("xs-2", "eth2") { pif in
                         pif.mode = "Static"
                         pif.ip = "172.16.0.36"
                         pif.netmask = "255.255.255.192"
                     }
                     s.setOSAddress("xs-2", "xenbr2", "172.16.0.36/26")
                 },
                 delta: [fail("storage-subnet-mask", "xs-2"), fail("storage-subnet-dedicated", "xs-2")]),
        Mutation(name: "preflight-duplicate-planned-ip", phase: .preflight, note: "the plan gives xs-3 xs-2's storage IP",
                 renderings: renderings, edit: { $0.setPlannedStorageIP("xs-3", "172.16.0.36") },
                 delta: [fail("storage-ip-unique", pool)]),
        Mutation(name: "preflight-xapi-refused-joiner", phase: .preflight,
                 note: "xs-3's --xapi port refuses (no transcript of it either): its rules error; plan-level rules may still pass",
                 renderings: [.xapi], fault: .xapiRefused(["xs-3"]),
                 delta: hostRules("xs-3", "error") + [either("storage-ip-unique", pool, "pass", "error"),
                                                      either("subnet-capacity", pool, "pass", "error"),
                                                      (ResultKey(rule: "sources-answered", target: pool), .oneOf(["absent", "error"]))],
                 ruleWildcards: ["sources-answered": .status("error")], exit: 3),
        Mutation(name: "preflight-joiner-no-evidence", phase: .preflight,
                 note: "nothing at all from xs-3: its pool and join checks are not done (skip, no evidence) and the run is incomplete "
                     + "(exit 4); the storage rules judge its planned address, as preflight does for an unconfigured host",
                 renderings: renderings, fault: .noEvidence(["xs-3"]),
                 delta: (["host-not-pooled"] + joinRules).map { (ResultKey(rule: $0, target: "xs-3"), .status("skip", reason: noEvidence)) }
                     + [either("storage-ip-unique", pool, "pass", "skip")], exit: 4),
    ]
}
