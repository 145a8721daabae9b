import TrafficProbe

/// Mutations of what the wire shows on xs-1 (captures): carried only by the pcap renderings.
enum TrafficMutations {
    static let renderings: [Rendering] = [.pcapTranscripts, .pcapXapi, .pcapFacts]

    static func captures(management: CaptureFile = Traffic.file(Traffic.managementChatter()),
                         storage: CaptureFile = Traffic.file(Traffic.nfsConversation()),
                         extra: [String: CaptureFile] = [:]) -> [String: CaptureFile] {
        ["xs-1:management": management, "xs-1:storage": storage].merging(extra) { $1 }
    }

    static func leakSLL(_ linkType: LinkType) -> CaptureFile {
        var frames = Traffic.managementChatter().map { $0.encode(for: linkType) }
        for packet in Traffic.nfsConversation() {
            frames.append(Traffic.cookedTagged(packet, vlan: 100, linkType: linkType))
        }
        return CaptureFile(linkType: linkType, frames: frames)
    }

    static func vlanPlanned(_ scenario: inout Scenario) { scenario.plan.storageVLAN = 100 }

    static func lacpBond(_ scenario: inout Scenario) {
        scenario.editDatabase(of: "xs-1") { db in
            let index = db.bonds.firstIndex { $0.uuid == HealthyPool.bondUUID(0) }!
            db.bonds[index].mode = "lacp"
        }
    }

    static let vlanUnplannedElsewhere: [(ResultKey, Expect)] = [skip("storage-traffic-vlan", "xs-2"), skip("storage-traffic-vlan", "xs-3")]

    static let list: [Mutation] = [
        Mutation(name: "capture-clean", phase: .audit, note: "NFS only on the storage bond, chatter only on management",
                 renderings: renderings, captures: captures()),
        Mutation(name: "capture-leak", phase: .audit, note: "NFS from xs-1's management address on xenbr0",
                 renderings: renderings,
                 captures: captures(management: Traffic.file(Traffic.managementChatter() + Traffic.nfsConversation(from: Traffic.management))),
                 delta: [fail("storage-traffic-isolated", "xs-1")]),
        Mutation(name: "capture-leak-sll-vlan", phase: .audit,
                 note: "an 802.1Q-tagged (VLAN 100) NFS conversation inside a Linux cooked (SLL) management capture",
                 renderings: renderings, captures: captures(management: leakSLL(.linuxSLL)),
                 delta: [fail("storage-traffic-isolated", "xs-1")]),
        Mutation(name: "capture-leak-sll2-vlan", phase: .audit,
                 note: "the same tagged NFS conversation inside an SLL2 management capture",
                 renderings: renderings, captures: captures(management: leakSLL(.linuxSLL2)),
                 delta: [fail("storage-traffic-isolated", "xs-1")]),
        Mutation(name: "capture-clean-sll", phase: .audit, note: "both captures Linux cooked (SLL), no leak",
                 renderings: renderings,
                 captures: captures(management: Traffic.file(Traffic.managementChatter(), .linuxSLL),
                                    storage: Traffic.file(Traffic.nfsConversation(), .linuxSLL))),
        Mutation(name: "capture-management-empty", phase: .audit,
                 note: "the management capture holds no packets at all: no proof either way (error)",
                 renderings: renderings, captures: captures(management: CaptureFile(linkType: .ethernet, frames: [])),
                 delta: [error("storage-traffic-isolated", "xs-1")]),
        Mutation(name: "capture-no-storage-traffic", phase: .audit,
                 note: "packets on both interfaces but none to the NFS server: inconclusive (error); the MTU rule has nothing to judge",
                 renderings: renderings, captures: captures(storage: Traffic.file(Traffic.storageNoise())),
                 delta: [error("storage-traffic-isolated", "xs-1"), either("storage-traffic-mtu", "xs-1", "skip", "error")]),
        Mutation(name: "capture-mtu-mismatch", phase: .audit, note: "SYNs carry MSS 8960 (MTU 9000) while the PIFs say 1500",
                 renderings: renderings, captures: captures(storage: Traffic.file(Traffic.nfsConversation(mss: 8960))),
                 delta: [warn("storage-traffic-mtu", "xs-1")]),
        Mutation(name: "capture-mtu-jumbo-consistent", phase: .audit, note: "MTU 9000 configured everywhere and MSS 8960 on the wire",
                 renderings: renderings, captures: captures(storage: Traffic.file(Traffic.nfsConversation(mss: 8960))),
                 edit: { s in
                     for host in HealthyPool.names {
                         s.editStoragePIF(host) { $0.mtu = 9000 }
                         s.editInterface(host, "xapi1") { $0.mtu = 9000 }
                     }
                 }),
        Mutation(name: "capture-vlan-as-planned", phase: .audit, note: "plan storage VLAN 100, frames tagged 100",
                 renderings: renderings, captures: captures(storage: Traffic.file(Traffic.nfsConversation(vlans: [Traffic.tag(100)]))),
                 edit: vlanPlanned, delta: [pass("storage-traffic-vlan", "xs-1")] + vlanUnplannedElsewhere),
        Mutation(name: "capture-vlan-wrong-tag", phase: .audit, note: "plan storage VLAN 100, frames tagged 200",
                 renderings: renderings, captures: captures(storage: Traffic.file(Traffic.nfsConversation(vlans: [Traffic.tag(200)]))),
                 edit: vlanPlanned, delta: [fail("storage-traffic-vlan", "xs-1")] + vlanUnplannedElsewhere),
        Mutation(name: "capture-vlan-untagged", phase: .audit, note: "plan storage VLAN 100, frames untagged",
                 renderings: renderings, captures: captures(),
                 edit: vlanPlanned, delta: [fail("storage-traffic-vlan", "xs-1")] + vlanUnplannedElsewhere),
        Mutation(name: "capture-lacp-pdus", phase: .audit, note: "xs-1's bond in lacp mode, LACP PDUs on eth2 and eth3",
                 renderings: renderings,
                 captures: captures(extra: ["xs-1:eth2": CaptureFile(linkType: .ethernet, frames: Traffic.lacpFrames(count: 3, port: 1)),
                                            "xs-1:eth3": CaptureFile(linkType: .ethernet, frames: Traffic.lacpFrames(count: 3, port: 2))]),
                 edit: lacpBond, delta: [pass("storage-bond-lacp", "xs-1")]),
        Mutation(name: "capture-lacp-silent", phase: .audit, note: "xs-1's bond in lacp mode, its members' captures carry no LACP PDU",
                 renderings: renderings,
                 captures: captures(extra: ["xs-1:eth2": Traffic.file(Traffic.nfsConversation()),
                                            "xs-1:eth3": Traffic.file(Traffic.storageNoise())]),
                 edit: lacpBond, delta: [warn("storage-bond-lacp", "xs-1")]),
    ]
}
