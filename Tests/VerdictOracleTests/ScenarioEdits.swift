/// Edits mutations are written in: each changes the database and what the OS shows together,
/// as the real change would.
extension Scenario {
    /// The storage PIF (bond master) of an audit host.
    mutating func editStoragePIF(_ host: String, _ body: (inout PIFRecord) -> Void) {
        editDatabase(of: host) { db in
            let uuid = db.host(named: host)!.uuid
            let index = db.pifs.firstIndex { $0.host == uuid && !$0.bondMasterOf.isEmpty }
                ?? db.pifs.firstIndex { $0.host == uuid && $0.ip.hasPrefix("172.16.0.") && !$0.management }!
            body(&db.pifs[index])
        }
    }

    mutating func editPIF(_ host: String, _ device: String, _ body: (inout PIFRecord) -> Void) {
        editDatabase(of: host) { db in body(&db.pifs[db.pifIndex(host: host, device: device)]) }
    }

    mutating func editHost(_ host: String, _ body: (inout HostRecord) -> Void) {
        editDatabase(of: host) { db in body(&db.hosts[db.hostIndex(host)]) }
    }

    mutating func editPool(of host: String, _ body: (inout SimPoolRecord) -> Void) {
        editDatabase(of: host) { db in body(&db.pool) }
    }

    /// The OS address of the storage bridge (xapi1, or the bridge `interface`).
    mutating func setOSAddress(_ host: String, _ interface: String, _ cidr: String?, mtu: Int? = nil) {
        editMachine(host) { os in
            if let index = os.interfaces.firstIndex(where: { $0.name == interface }) {
                os.interfaces[index].addresses = cidr.map { [$0] } ?? []
                if let mtu { os.interfaces[index].mtu = mtu }
            } else {
                os.interfaces.append(OSInterfaceModel(name: interface, mac: "00:1f:29:c4:aa:01", mtu: mtu ?? 1500, addresses: cidr.map { [$0] } ?? []))
            }
        }
    }

    /// Storage address and mask of an audit host, in xe and in the OS together.
    mutating func setStorage(_ host: String, ip: String, prefix: Int) {
        editStoragePIF(host) { pif in
            pif.ip = ip
            pif.netmask = TranscriptRenderer.dottedMask(prefix)
        }
        setOSAddress(host, "xapi1", "\(ip)/\(prefix)")
    }

    mutating func setPlannedStorageIP(_ host: String, _ ip: String) {
        let index = plan.hosts.firstIndex { $0.name == host }!
        plan.hosts[index].storageIP = ip
    }

    mutating func setExport(_ path: String, _ clients: [String]?, server: String = HealthyPool.nfsServer) {
        var table = exportTables[server] ?? ExportTable(exports: [])
        if let index = table.exports.firstIndex(where: { $0.path == path }) {
            if let clients { table.exports[index].clients = clients } else { table.exports.remove(at: index) }
        } else if let clients {
            table.exports.append((path, clients))
        }
        exportTables[server] = table
    }

    /// The NFS SR's PBDs, mounts and showmount point at `server` (which exports what .34 did).
    mutating func moveNFSServer(to server: String) {
        exportTables[server] = exportTables[HealthyPool.nfsServer]
        for index in databases.indices {
            for pbd in databases[index].pbds.indices where databases[index].pbds[pbd].sr == IDs.nfsSR {
                databases[index].pbds[pbd].deviceConfig = [("serverpath", "/srv/vhd"), ("server", server)]
            }
        }
        for index in machines.indices {
            machines[index].showmountServer = server
            machines[index].mounts = machines[index].mounts.map { line in
                line.contains(HealthyPool.nfsServer) ? HealthyPool.nfsMountLine(server: server) : line
            }
        }
    }

    /// Removes the NFS mount line from a machine (its PBD is not plugged).
    mutating func dropNFSMount(_ host: String) {
        editMachine(host) { os in os.mounts.removeAll { $0.contains(" type nfs ") } }
    }

    /// Replaces an audit host's bond with a single NIC (eth2) carrying the storage address.
    mutating func unbond(_ host: String) {
        editDatabase(of: host) { db in
            let uuid = db.host(named: host)!.uuid
            let master = db.pifs.first { $0.host == uuid && !$0.bondMasterOf.isEmpty }!
            db.bonds.removeAll { $0.master == master.uuid }
            db.pifs.removeAll { $0.uuid == master.uuid }
            for index in db.networks.indices { db.networks[index].pifs.removeAll { $0 == master.uuid } }
            for index in db.pifs.indices where db.pifs[index].host == uuid {
                db.pifs[index].bondSlaveOf = nil
                if db.pifs[index].device == "eth2" {
                    db.pifs[index].mode = "Static"
                    db.pifs[index].ip = master.ip
                    db.pifs[index].netmask = master.netmask
                }
            }
        }
        editMachine(host) { os in
            let storage = os.interfaces.first { $0.name == "xapi1" }!.addresses
            os.interfaces.removeAll { $0.name == "xapi1" }
            os.interfaces.append(OSInterfaceModel(name: "xenbr2", mac: "00:1f:29:c4:aa:02", addresses: storage))
        }
    }

    /// Adds a host record (and its dom0) to `machine`'s pool database, without a transcript of its own.
    mutating func addHostRecord(to machine: String, name: String, uuid: String, address: String) {
        editDatabase(of: machine) { db in
            db.hosts.append(HostRecord(uuid: uuid, name: name, address: address))
            db.vms.append(VMRecord(uuid: IDs.make(0xd0d9, db.vms.count), name: "Control domain on host: \(name)",
                                   powerState: "running", isControlDomain: true, residentOn: uuid))
        }
    }
}
