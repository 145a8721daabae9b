import Foundation

/// Deterministic uuids: the seed's where the seed has them, numbered ones otherwise.
enum IDs {
    static let pool = "c6f0c03a-344b-24f3-e90c-3c786725f61a"
    static let xs1 = "e28ef0a3-0738-4bc5-9146-cae1205d1e20"
    static let xs2 = "f781cc54-716c-4596-924a-2494dd0b6537"
    static let xs3 = "5b0c3a7e-8d1f-4e2a-9c6b-3f4e5d6a7b8c"
    static let nfsSR = "8ff09191-95e7-0ea3-5b4b-eea9d0fa21ca"
    static let managementNetwork = "48397201-25c5-4180-8b88-e90309098b50"
    static let xs2OwnPool = "0f77ad2f-e3e2-4516-af3c-d2073a3904eb"

    /// "00000000-0000-4000-8000-00000000NNNN" with a class prefix, so every record differs.
    static func make(_ prefix: UInt32, _ number: Int) -> String {
        String(format: "%08x-0000-4000-8000-%012x", prefix, number)
    }
}

/// The seed's pool PDX0 grown to three hosts, every best practice followed.
enum HealthyPool {
    static let names = ["xs-1", "xs-2", "xs-3"]
    static let hostUUIDs = [IDs.xs1, IDs.xs2, IDs.xs3]
    static let managementIPs = ["172.16.0.10", "172.16.0.11", "172.16.0.12"]
    static let storageIPs = ["172.16.0.35", "172.16.0.36", "172.16.0.37"]
    static let nfsServer = "172.16.0.34"
    static let storageMask = "255.255.255.240"

    static func mac(_ host: Int, _ nic: Int) -> String {
        String(format: "00:1f:29:c4:%02x:%02x", 0x9f + host, 0x5c + nic)
    }

    static func plan() -> PlanModel {
        PlanModel(hosts: names.indices.map {
            PlanModel.Host(name: names[$0], address: managementIPs[$0], storageIP: storageIPs[$0])
        })
    }

    static func defaultExports() -> [String: ExportTable] {
        [nfsServer: ExportTable(exports: [
            ("/srv/backups", ["172.16.0.0/27"]),
            ("/srv/vhd", ["172.16.0.32/28"]),
            ("/srv/iso", ["172.16.0.32/28", "172.16.0.0/27"]),
        ])]
    }

    static func softwareHost(uuid: String, name: String, address: String) -> HostRecord {
        HostRecord(uuid: uuid, name: name, address: address)
    }

    static func localSR(_ index: Int) -> String { IDs.make(0x5151, index) }
    static func bondUUID(_ index: Int) -> String { IDs.make(0xb0d0, index) }
    static func pifUUID(_ host: Int, _ nic: Int) -> String { IDs.make(0x9999, host * 10 + nic) }
    static func nicNetwork(_ nic: Int) -> String { nic == 0 ? IDs.managementNetwork : IDs.make(0x4e70, nic) }
    static let bondNetwork = IDs.make(0x4e70, 99)
    static let internalNetwork = "ee5c6504-e2a3-44ad-81b9-298245c4073e"

    /// The built pool: bonded storage on every host, the NFS SR plugged everywhere.
    static func audit() -> Scenario {
        var db = PoolDatabase(pool: SimPoolRecord(uuid: IDs.pool, name: "PDX0", description: "NA-US-OR-PDX-0", master: IDs.xs1,
                                                  defaultSR: IDs.nfsSR, crashDumpSR: IDs.nfsSR, suspendImageSR: IDs.nfsSR))
        db.networks.append(NetworkRecord(uuid: internalNetwork, name: "Host internal management network", bridge: "xenapi"))
        for nic in 0..<4 {
            db.networks.append(NetworkRecord(uuid: nicNetwork(nic), name: "Pool-wide network associated with eth\(nic)", bridge: "xenbr\(nic)"))
        }
        db.networks.append(NetworkRecord(uuid: bondNetwork, name: "storage-bond", bridge: "xapi1"))
        db.srs.append(SRRecord(uuid: IDs.nfsSR, name: "NAS-2-VHD", type: "nfs", shared: true))
        var machines: [MachineOS] = []
        for (index, name) in names.enumerated() {
            var host = softwareHost(uuid: hostUUIDs[index], name: name, address: managementIPs[index])
            host.crashDumpSR = localSR(index)
            host.suspendImageSR = localSR(index)
            db.hosts.append(host)
            for nic in 0..<4 {
                var pif = PIFRecord(uuid: pifUUID(index, nic), device: "eth\(nic)", mac: mac(index, nic), host: host.uuid,
                                    network: nicNetwork(nic))
                if nic == 0 {
                    pif.management = true
                    pif.mode = "Static"
                    pif.ip = managementIPs[index]
                    pif.netmask = "255.255.255.224"
                    pif.gateway = "172.16.0.1"
                }
                if nic >= 2 { pif.bondSlaveOf = bondUUID(index) }
                db.pifs.append(pif)
                if let network = db.networks.firstIndex(where: { $0.uuid == pif.network }) { db.networks[network].pifs.append(pif.uuid) }
            }
            var master = PIFRecord(uuid: pifUUID(index, 9), device: "bond0", mac: mac(index, 2), host: host.uuid, network: bondNetwork)
            master.physical = false
            master.mode = "Static"
            master.ip = storageIPs[index]
            master.netmask = storageMask
            master.bondMasterOf = [bondUUID(index)]
            db.pifs.append(master)
            db.networks[db.networks.firstIndex { $0.uuid == bondNetwork }!].pifs.append(master.uuid)
            db.bonds.append(BondRecord(uuid: bondUUID(index), master: master.uuid, slaves: [pifUUID(index, 2), pifUUID(index, 3)],
                                       primarySlave: pifUUID(index, 2)))
            db.srs.append(SRRecord(uuid: localSR(index), name: "Local storage", type: "lvm", contentType: "user", shared: false,
                                   localHostName: name))
            db.pbds.append(PBDRecord(uuid: IDs.make(0x7bd0, index), host: host.uuid, sr: localSR(index),
                                     deviceConfig: [("device", "/dev/disk/by-id/scsi-36001-part3")]))
            db.pbds.append(PBDRecord(uuid: IDs.make(0x7bd1, index), host: host.uuid, sr: IDs.nfsSR,
                                     deviceConfig: [("serverpath", "/srv/vhd"), ("server", nfsServer)]))
            db.vms.append(VMRecord(uuid: IDs.make(0xd0d0, index), name: "Control domain on host: \(name)", powerState: "running",
                                   isControlDomain: true, residentOn: host.uuid))
            machines.append(auditMachine(index))
        }
        db.vms.append(VMRecord(uuid: IDs.make(0x7770, 1), name: "web-01", powerState: "running", residentOn: IDs.xs1))
        db.vms.append(VMRecord(uuid: IDs.make(0x7770, 2), name: "db-01", powerState: "running", residentOn: IDs.xs2))
        db.vms.append(VMRecord(uuid: IDs.make(0x7770, 3), name: "build-01", powerState: "halted", residentOn: nil))
        return Scenario(phase: .audit, plan: plan(), databases: [db],
                        membership: Dictionary(uniqueKeysWithValues: names.map { ($0, 0) }),
                        machines: machines, exportTables: defaultExports())
    }

    static func osInterfaces(_ index: Int, storage: String?) -> [OSInterfaceModel] {
        var list = [OSInterfaceModel(name: "lo", mac: "00:00:00:00:00:00", mtu: 65536, addresses: ["127.0.0.1/8"])]
        for nic in 0..<4 { list.append(OSInterfaceModel(name: "eth\(nic)", mac: mac(index, nic))) }
        list.append(OSInterfaceModel(name: "xenbr0", mac: mac(index, 0), addresses: ["\(managementIPs[index])/27"]))
        list.append(OSInterfaceModel(name: "xenbr1", mac: mac(index, 1)))
        if let storage { list.append(OSInterfaceModel(name: "xapi1", mac: mac(index, 2), addresses: [storage])) }
        return list
    }

    static func baseMounts() -> [String] {
        ["/dev/sda1 on / type ext3 (rw)", "proc on /proc type proc (rw)", "sysfs on /sys type sysfs (rw)",
         "sunrpc on /var/lib/nfs/rpc_pipefs type rpc_pipefs (rw)"]
    }

    static func nfsMountLine(server: String = nfsServer, path: String = "/srv/vhd", sr: String = IDs.nfsSR) -> String {
        "\(server):\(path)/\(sr) on /var/run/sr-mount/\(sr) type nfs (rw,soft,proto=tcp,acdirmin=0,acdirmax=0,addr=\(server))"
    }

    static func auditMachine(_ index: Int) -> MachineOS {
        MachineOS(name: names[index], useIfconfig: index == 2,
                  interfaces: osInterfaces(index, storage: "\(storageIPs[index])/28"),
                  mounts: baseMounts() + [nfsMountLine()], showmountServer: nfsServer)
    }

    /// Before the pool is built: xs-1 the master of PDX0 alone, xs-2 and xs-3 each the master
    /// of its own fresh one-host pool; nothing but management configured anywhere.
    static func preflight() -> Scenario {
        var databases: [PoolDatabase] = []
        var machines: [MachineOS] = []
        let poolUUIDs = [IDs.pool, IDs.xs2OwnPool, IDs.make(0x900f, 3)]
        for (index, name) in names.enumerated() {
            var db = PoolDatabase(pool: SimPoolRecord(uuid: poolUUIDs[index], name: index == 0 ? "PDX0" : "",
                                                      description: index == 0 ? "NA-US-OR-PDX-0" : "", master: hostUUIDs[index]))
            var host = softwareHost(uuid: hostUUIDs[index], name: name, address: managementIPs[index])
            host.crashDumpSR = localSR(index)
            host.suspendImageSR = localSR(index)
            db.hosts.append(host)
            db.networks.append(NetworkRecord(uuid: IDs.make(0x1e70 + UInt32(index), 9), name: "Host internal management network", bridge: "xenapi"))
            for nic in 0..<4 {
                let network = IDs.make(0x1e70 + UInt32(index), nic)
                var pif = PIFRecord(uuid: pifUUID(index, nic), device: "eth\(nic)", mac: mac(index, nic), host: host.uuid, network: network)
                if nic == 0 {
                    pif.management = true
                    pif.mode = "Static"
                    pif.ip = managementIPs[index]
                    pif.netmask = "255.255.255.224"
                    pif.gateway = "172.16.0.1"
                }
                db.pifs.append(pif)
                db.networks.append(NetworkRecord(uuid: network, name: "Pool-wide network associated with eth\(nic)", bridge: "xenbr\(nic)",
                                                 pifs: [pif.uuid]))
            }
            db.srs.append(SRRecord(uuid: localSR(index), name: "Local storage", type: "lvm", shared: false, localHostName: name))
            db.pbds.append(PBDRecord(uuid: IDs.make(0x7bd0, index), host: host.uuid, sr: localSR(index),
                                     deviceConfig: [("device", "/dev/disk/by-id/scsi-36001-part3")]))
            db.vms.append(VMRecord(uuid: IDs.make(0xd0d0, index), name: "Control domain on host: \(name)", powerState: "running",
                                   isControlDomain: true, residentOn: host.uuid))
            databases.append(db)
            machines.append(MachineOS(name: name, useIfconfig: index == 2, interfaces: osInterfaces(index, storage: nil),
                                      mounts: baseMounts(), showmountServer: nfsServer))
        }
        return Scenario(phase: .preflight, plan: plan(), databases: databases,
                        membership: Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) }),
                        machines: machines, exportTables: defaultExports())
    }
}
