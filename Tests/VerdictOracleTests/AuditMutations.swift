/// Mutations of the built pool (audit). Each names what it changes and the verdicts that change.
enum AuditMutations {
    static let all4: [Rendering] = [.masterListings, .everyHost, .xapi, .facts]
    static let pool = Healthy.pool
    static let export = Healthy.export
    static let hosts = HealthyPool.names

    static func forEachHost(_ rule: String, _ status: String) -> [(ResultKey, Expect)] {
        hosts.map { (ResultKey(rule: rule, target: $0), .status(status)) }
    }

    /// Export and server targets move to another NFS server's address.
    static func nfsTargetsMove(to server: String) -> [(ResultKey, Expect)] {
        [absent("nfs-export-not-on-management", export), absent("nfs-export-not-world-open", export),
         absent("nfs-server-answers", Healthy.server), absent("nfs-services-registered", Healthy.server),
         pass("nfs-export-not-on-management", "\(server):/srv/vhd"), pass("nfs-export-not-world-open", "\(server):/srv/vhd"),
         skip("nfs-server-answers", server), skip("nfs-services-registered", server)]
    }

    /// Every verdict of a run that looked at nothing: skip (or no result), never pass.
    static func nothingChecked(hosts: [String] = hosts) -> [(ResultKey, Expect)] {
        var delta: [(ResultKey, Expect)] = [
            skip("crash-dump-sr-set", pool), skip("suspend-image-sr-set", pool), skip("storage-ip-unique", pool),
            skip("subnet-capacity", pool), skip("nfs-export-not-on-management", export), skip("nfs-export-not-world-open", export),
            // Every source asked did answer; the run is incomplete all the same (exit 4).
            (ResultKey(rule: "sources-answered", target: pool), .oneOf(["absent", "skip", "pass"])),
        ]
        for host in hosts {
            for rule in auditHostRules {
                delta.append(skip(rule, host, missionRules.contains(rule) ? noEvidence : nil))
            }
        }
        return delta
    }

    /// A failed XAPI source: every host rule that needed it is error, never fail or skip.
    static func xapiFailed() -> [(ResultKey, Expect)] {
        var delta: [(ResultKey, Expect)] = [
            error("crash-dump-sr-set", pool), error("suspend-image-sr-set", pool), error("storage-ip-unique", pool),
            either("subnet-capacity", pool, "pass", "error"),
            skip("nfs-export-not-on-management", export), skip("nfs-export-not-world-open", export),
            (ResultKey(rule: "sources-answered", target: pool), .oneOf(["absent", "error"])),
        ]
        for host in hosts {
            for rule in ["default-sr-propagated", "nfs-export-acl", "storage-bond-lacp", "storage-mtu-consistent",
                         "storage-redundancy", "storage-subnet-dedicated", "storage-subnet-mask"] {
                delta.append(error(rule, host))
            }
            delta.append(either("storage-traffic-isolated", host, "skip", "error"))
            delta.append(either("storage-traffic-mtu", host, "skip", "error"))
        }
        return delta
    }

    static let list: [Mutation] = [
        Mutation(name: "healthy", phase: .audit, note: "the healthy pool: every best practice followed", renderings: all4),
        Mutation(name: "storage-mask-27", phase: .audit,
                 note: "xs-2's storage PIF has /27 where /28 is planned; configured mask judged, differs from plan",
                 renderings: all4, edit: { $0.setStorage("xs-2", ip: "172.16.0.36", prefix: 27) },
                 delta: [fail("storage-subnet-mask", "xs-2"), fail("storage-subnet-dedicated", "xs-2")]),
        Mutation(name: "storage-mask-overlaps-management", phase: .audit,
                 note: "xs-2 configured /26 (172.16.0.0/26 overlaps management /27) while the plan says /28",
                 renderings: all4, edit: { $0.setStorage("xs-2", ip: "172.16.0.36", prefix: 26) },
                 delta: [fail("storage-subnet-mask", "xs-2"), fail("storage-subnet-dedicated", "xs-2")]),
        Mutation(name: "storage-ip-broadcast", phase: .audit,
                 note: "xs-3's storage IP (planned and configured) is 172.16.0.47, the /28's broadcast address",
                 renderings: all4, edit: { s in
                     s.setPlannedStorageIP("xs-3", "172.16.0.47")
                     s.setStorage("xs-3", ip: "172.16.0.47", prefix: 28)
                 },
                 delta: [fail("storage-subnet-mask", "xs-3")]),
        Mutation(name: "storage-ip-outside-subnet", phase: .audit,
                 note: "xs-2's storage PIF is 172.16.0.50/28 (plan .36): outside the subnet, refused by the export",
                 renderings: all4, edit: { $0.setStorage("xs-2", ip: "172.16.0.50", prefix: 28) },
                 delta: [fail("storage-subnet-dedicated", "xs-2"), fail("nfs-export-acl", "xs-2")]),
        Mutation(name: "nfs-server-outside-storage-subnet", phase: .audit,
                 note: "plan and SR both use NFS server 172.16.0.20, on the management subnet",
                 renderings: all4, edit: { s in
                     s.plan.nfsServer = "172.16.0.20"
                     s.moveNFSServer(to: "172.16.0.20")
                 },
                 delta: forEachHost("storage-subnet-dedicated", "fail") + nfsTargetsMove(to: "172.16.0.20")),
        Mutation(name: "pbd-names-other-nfs-server", phase: .audit,
                 note: "the plan says 172.16.0.34 but the SR's PBDs use 172.16.0.20: the configured server is judged, failing naming both",
                 renderings: all4, edit: { $0.moveNFSServer(to: "172.16.0.20") },
                 delta: forEachHost("storage-subnet-dedicated", "fail") + nfsTargetsMove(to: "172.16.0.20")),
        Mutation(name: "gateway-on-storage-pif", phase: .audit, note: "xs-2's storage PIF has gateway 172.16.0.33",
                 renderings: all4, edit: { $0.editStoragePIF("xs-2") { $0.gateway = "172.16.0.33" } },
                 delta: [fail("storage-subnet-dedicated", "xs-2")]),
        Mutation(name: "dhcp-on-storage-pif", phase: .audit, note: "xs-3's storage PIF is configured by DHCP",
                 renderings: all4, edit: { $0.editStoragePIF("xs-3") { $0.mode = "DHCP" } },
                 delta: [fail("storage-subnet-dedicated", "xs-3")]),
        Mutation(name: "second-nic-on-storage-subnet", phase: .audit,
                 note: "xs-1's eth1 also has an address (172.16.0.40/28) on the storage subnet",
                 renderings: all4, edit: { s in
                     s.editPIF("xs-1", "eth1") { pif in
                         pif.mode = "Static"
                         pif.ip = "172.16.0.40"
                         pif.netmask = "255.255.255.240"
                     }
                     s.setOSAddress("xs-1", "xenbr1", "172.16.0.40/28")
                 },
                 delta: [fail("storage-subnet-dedicated", "xs-1")]),
        Mutation(name: "member-pbd-unplugged", phase: .audit, note: "xs-2's PBD of the default SR is not attached",
                 renderings: all4, edit: { s in
                     s.editDatabase(of: "xs-2") { db in db.pbds[db.pbdIndex(host: "xs-2", sr: IDs.nfsSR)].attached = false }
                     s.dropNFSMount("xs-2")
                 },
                 delta: [fail("default-sr-propagated", "xs-2")]),
        Mutation(name: "member-pbd-missing", phase: .audit, note: "xs-3 has no PBD for the default SR at all",
                 renderings: all4, edit: { s in
                     s.editDatabase(of: "xs-3") { db in db.pbds.remove(at: db.pbdIndex(host: "xs-3", sr: IDs.nfsSR)) }
                     s.dropNFSMount("xs-3")
                 },
                 delta: [fail("default-sr-propagated", "xs-3")]),
        Mutation(name: "member-reports-no-default-sr", phase: .audit,
                 note: "xs-3's own `xe pool-param-list` shows default-SR <not in database> (carried only where the member ran it)",
                 renderings: all4, edit: { $0.editMachine("xs-3") { $0.ownDefaultSRReading = "" } },
                 delta: [fail("default-sr-propagated", "xs-3")]),
        Mutation(name: "member-reports-other-default-sr", phase: .audit,
                 note: "xs-2's own reading of default-SR is its local SR",
                 renderings: all4, edit: { $0.editMachine("xs-2") { $0.ownDefaultSRReading = HealthyPool.localSR(1) } },
                 delta: [fail("default-sr-propagated", "xs-2")]),
        Mutation(name: "sr-not-shared", phase: .audit, note: "the default (NFS) SR has shared=false",
                 renderings: all4, edit: { s in s.editDatabase(of: "xs-1") { db in db.srs[0].shared = false } },
                 delta: forEachHost("default-sr-propagated", "fail")),
        Mutation(name: "default-sr-unset", phase: .audit, note: "the pool has no default SR",
                 renderings: all4, edit: { $0.editPool(of: "xs-1") { $0.defaultSR = nil } },
                 delta: forEachHost("default-sr-propagated", "fail")),
        Mutation(name: "member-disabled-pbd-unplugged", phase: .audit,
                 note: "xs-3 is disabled (maintenance) and its PBD unplugged: default-sr-propagated does not apply to it",
                 renderings: all4, edit: { s in
                     s.editHost("xs-3") { $0.enabled = false }
                     s.editDatabase(of: "xs-3") { db in db.pbds[db.pbdIndex(host: "xs-3", sr: IDs.nfsSR)].attached = false }
                     s.dropNFSMount("xs-3")
                 },
                 delta: [skip("default-sr-propagated", "xs-3", notApplicable)]),
        Mutation(name: "crash-dump-sr-unset", phase: .audit, note: "pool crash-dump-SR unset (warning)",
                 renderings: all4, edit: { $0.editPool(of: "xs-1") { $0.crashDumpSR = nil } },
                 delta: [warn("crash-dump-sr-set", pool)]),
        Mutation(name: "suspend-image-sr-unset", phase: .audit, note: "pool suspend-image-SR unset (warning)",
                 renderings: all4, edit: { $0.editPool(of: "xs-1") { $0.suspendImageSR = nil } },
                 delta: [warn("suspend-image-sr-set", pool)]),
        Mutation(name: "export-missing-one-host", phase: .audit, note: "/srv/vhd exported to .35 and .36 only",
                 renderings: all4, edit: { $0.setExport("/srv/vhd", ["172.16.0.35", "172.16.0.36"]) },
                 delta: [fail("nfs-export-acl", "xs-3")]),
        Mutation(name: "export-host-list-complete", phase: .audit, note: "/srv/vhd exported to each storage IP by name: still admits all",
                 renderings: all4, edit: { $0.setExport("/srv/vhd", ["172.16.0.35", "172.16.0.36", "172.16.0.37"]) }),
        Mutation(name: "export-dotted-mask", phase: .audit, note: "/srv/vhd exported to 172.16.0.32/255.255.255.240 (knfsd keeps it dotted): still admits",
                 renderings: all4, edit: { $0.setExport("/srv/vhd", ["172.16.0.32/255.255.255.240"]) }),
        Mutation(name: "export-open-world", phase: .audit, note: "/srv/vhd exported to *",
                 renderings: all4, edit: { $0.setExport("/srv/vhd", ["*"]) },
                 delta: [fail("nfs-export-not-world-open", export), warn("nfs-export-not-on-management", export)]),
        Mutation(name: "export-also-management", phase: .audit, note: "/srv/vhd also exported to the management /27",
                 renderings: all4, edit: { $0.setExport("/srv/vhd", ["172.16.0.32/28", "172.16.0.0/27"]) },
                 delta: [warn("nfs-export-not-on-management", export)]),
        Mutation(name: "export-absent", phase: .audit, note: "the server no longer exports /srv/vhd (each host's own showmount)",
                 renderings: all4, edit: { $0.setExport("/srv/vhd", nil) },
                 delta: forEachHost("nfs-export-acl", "fail")
                     + [skip("nfs-export-not-on-management", export, notApplicable), skip("nfs-export-not-world-open", export, notApplicable)]),
        Mutation(name: "showmount-through-grep", phase: .audit, note: "each host ran `showmount -e 172.16.0.34 | grep vhd`: a partial list that shows /srv/vhd with its clients",
                 renderings: all4, edit: { s in for index in s.machines.indices { s.machines[index].showmountGrep = "vhd" } }),
        Mutation(name: "showmount-grep-misses-export", phase: .audit,
                 note: "each host ran `showmount -e 172.16.0.34 | grep iso`: /srv/vhd missing from a partial list proves nothing (no evidence, exit 4)",
                 renderings: all4, edit: { s in for index in s.machines.indices { s.machines[index].showmountGrep = "iso" } },
                 delta: hosts.map { skip("nfs-export-acl", $0, noEvidence) }
                     + [skip("nfs-export-not-on-management", export, noEvidence), skip("nfs-export-not-world-open", export, noEvidence)]),
        Mutation(name: "showmount-without-client-lists", phase: .audit,
                 note: "showmount prints the paths alone (QNAP): /srv/vhd is exported to clients unknown (no evidence, exit 4), never 'exports nothing'",
                 renderings: all4, edit: { s in for index in s.machines.indices { s.machines[index].showmountHidesClients = true } },
                 delta: hosts.map { skip("nfs-export-acl", $0, noEvidence) }
                     + [skip("nfs-export-not-on-management", export, noEvidence), skip("nfs-export-not-world-open", export, noEvidence)]),
        Mutation(name: "export-wrong-subnet", phase: .audit, note: "/srv/vhd exported to 172.16.0.48/28",
                 renderings: all4, edit: { $0.setExport("/srv/vhd", ["172.16.0.48/28"]) },
                 delta: forEachHost("nfs-export-acl", "fail")),
        Mutation(name: "bond-one-slave", phase: .audit, note: "xs-2's storage bond has only eth2",
                 renderings: all4, edit: { s in
                     s.editDatabase(of: "xs-2") { db in
                         let bond = db.bonds.firstIndex { $0.uuid == HealthyPool.bondUUID(1) }!
                         db.bonds[bond].slaves = [HealthyPool.pifUUID(1, 2)]
                         db.pifs[db.pifIndex(host: "xs-2", device: "eth3")].bondSlaveOf = nil
                     }
                 },
                 delta: [fail("storage-redundancy", "xs-2")]),
        Mutation(name: "bond-detached-slave", phase: .audit, note: "xs-3's eth3 (bond slave) is not attached",
                 renderings: all4, edit: { $0.editPIF("xs-3", "eth3") { $0.attached = false } },
                 delta: [fail("storage-redundancy", "xs-3")]),
        Mutation(name: "storage-single-nic", phase: .audit, note: "xs-1's storage address on eth2 alone, no bond",
                 renderings: all4, edit: { $0.unbond("xs-1") },
                 delta: [fail("storage-redundancy", "xs-1")]),
        Mutation(name: "multipath-single-nic", phase: .audit,
                 note: "xs-2: single storage NIC with multipathing on; NFS needs a bond, multipathing does not count",
                 renderings: all4, edit: { s in
                     s.unbond("xs-2")
                     s.editHost("xs-2") { $0.otherConfig.append(("multipathing", "true")) }
                 },
                 delta: [fail("storage-redundancy", "xs-2")]),
        Mutation(name: "mtu-differs", phase: .audit, note: "xs-2's storage PIF has MTU 9000, the others 1500: no host agrees with all",
                 renderings: all4, edit: { s in
                     s.editStoragePIF("xs-2") { $0.mtu = 9000 }
                     s.editInterface("xs-2", "xapi1") { $0.mtu = 9000 }
                 },
                 delta: forEachHost("storage-mtu-consistent", "warn")),
        Mutation(name: "mtu-jumbo-everywhere", phase: .audit, note: "every storage PIF has MTU 9000: consistent",
                 renderings: all4, edit: { s in
                     for host in hosts {
                         s.editStoragePIF(host) { $0.mtu = 9000 }
                         s.editInterface(host, "xapi1") { $0.mtu = 9000 }
                     }
                 }),
        Mutation(name: "duplicate-storage-ip", phase: .audit, note: "xs-3 planned and configured with xs-2's storage IP .36",
                 renderings: all4, edit: { s in
                     s.setPlannedStorageIP("xs-3", "172.16.0.36")
                     s.setStorage("xs-3", ip: "172.16.0.36", prefix: 28)
                 },
                 delta: [fail("storage-ip-unique", pool)]),
        Mutation(name: "storage-ip-is-nfs-server", phase: .audit, note: "xs-2 planned and configured with the NFS server's .34",
                 renderings: all4, edit: { s in
                     s.setPlannedStorageIP("xs-2", "172.16.0.34")
                     s.setStorage("xs-2", ip: "172.16.0.34", prefix: 28)
                 },
                 delta: [fail("storage-ip-unique", pool)]),
        Mutation(name: "subnet-capacity-exceeded", phase: .audit,
                 note: "storage /29 everywhere (6 usable), and the plan adds xs-4, xs-5 and xs-6 (not built yet): 6 hosts + server = 7. "
                     + "xs-4..6 have no evidence: skip. storage-mtu-consistent on built hosts may compare only known MTUs (pass) or wait (skip)",
                 renderings: all4, edit: { s in
                     s.plan.storageSubnet = "172.16.0.32/29"
                     s.plan.hosts.append(.init(name: "xs-4", address: "172.16.0.13", storageIP: "172.16.0.38"))
                     s.plan.hosts.append(.init(name: "xs-5", address: "172.16.0.14", storageIP: "172.16.0.33"))
                     s.plan.hosts.append(.init(name: "xs-6", address: "172.16.0.15", storageIP: nil))
                     for (index, host) in hosts.enumerated() { s.setStorage(host, ip: HealthyPool.storageIPs[index], prefix: 29) }
                 },
                 delta: [fail("subnet-capacity", pool)] + hosts.map { either("storage-mtu-consistent", $0, "pass", "skip") }
                     + ["xs-4", "xs-5", "xs-6"].flatMap { host in
                         auditHostRules.map { skip($0, host, missionRules.contains($0) ? noEvidence : nil) }
                     }),
        Mutation(name: "member-only-in-master-listing", phase: .audit,
                 note: "xs-3 gave no transcript: a full host all the same. Its PIFs and PBD (master's listing) count, and its default SR "
                     + "is the pool database's (every member's xe reads the master's), so every rule judges it (decided with the model)",
                 renderings: all4, fault: .noEvidence(["xs-3"])),
        Mutation(name: "notes-beside-transcripts", phase: .audit, note: "a notes file and the plan lie in the snapshot folder: skipped with a warning",
                 renderings: [.masterListings, .everyHost], fault: .notesBeside),
        Mutation(name: "xapi-refused", phase: .audit,
                 note: "--xapi names a port that refuses; with a plan. Host rules error, never fail/skip; exit 3",
                 renderings: [.xapi], fault: .xapiRefused([]), delta: xapiFailed(),
                 ruleWildcards: ["sources-answered": .status("error")], exit: 3),
        Mutation(name: "xapi-wrong-password", phase: .audit, note: "xapi-sim refuses the password poolcheck gives",
                 renderings: [.xapi], fault: .xapiWrongPassword, delta: xapiFailed(),
                 ruleWildcards: ["sources-answered": .status("error")], exit: 3),
        Mutation(name: "transcript-only-uptime", phase: .audit, note: "each host's transcript holds only `uptime`: no PASS, incomplete (exit 4)",
                 renderings: [.everyHost, .facts], fault: .uptimeOnly, delta: nothingChecked(), exit: 4),
        Mutation(name: "facts-without-hosts", phase: .audit, note: "a facts file with no host: no PASS, incomplete (exit 4)",
                 renderings: [.facts], fault: .emptyFacts, delta: nothingChecked(), exit: 4),
    ]
}
