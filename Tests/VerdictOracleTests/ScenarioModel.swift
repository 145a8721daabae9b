/// The oracle's own model of a pool (or of several one-host pools, in preflight): plain
/// values that mutations edit and renderers print as real `xe` and OS output. It is
/// deliberately independent of poolcheck's facts model, which is being rewritten.

struct SimPoolRecord {
    var uuid: String
    var name: String
    var description: String
    var master: String
    var defaultSR: String?
    var crashDumpSR: String?
    var suspendImageSR: String?
    var haEnabled = false
}

struct HostRecord {
    var uuid: String
    var name: String
    var address: String
    var enabled = true
    var productVersion = "6.5.0"
    var productBrand = "XenServer"
    var networkBackend = "openvswitch"
    var xapiVersion = "1.3"
    var apiMajor = 2
    var apiMinor = 4
    var cpuVendor = "GenuineIntel"
    var edition = "free"
    var externalAuthType = ""
    var externalAuthServiceName = ""
    var otherConfig: [(String, String)] = [("agent_start_time", "1433966362."), ("boot_time", "1433966146.")]
    var crashDumpSR: String?
    var suspendImageSR: String?
}

struct PIFRecord {
    var uuid: String
    var device: String
    var mac: String
    var host: String
    var network: String
    var physical = true
    var attached = true
    var management = false
    var mode = "None"          // IP-configuration-mode: None, Static, DHCP
    var ip = ""
    var netmask = ""
    var gateway = ""
    var mtu = 1500
    var vlan = -1
    var bondMasterOf: [String] = []
    var bondSlaveOf: String?
    var vlanMasterOf: String?
    var tunnelAccessOf: [String] = []
    var tunnelTransportOf: [String] = []
}

struct BondRecord {
    var uuid: String
    var master: String
    var slaves: [String]
    var mode = "active-backup"
    var primarySlave: String?
}

struct NetworkRecord {
    var uuid: String
    var name: String
    var bridge: String
    var mtu = 1500
    var pifs: [String] = []
}

struct VLANRecord {
    var uuid: String
    var taggedPIF: String
    var untaggedPIF: String
    var tag: Int
}

struct TunnelRecord {
    var uuid: String
    var accessPIF: String
    var transportPIF: String
}

struct SRRecord {
    var uuid: String
    var name: String
    var type: String
    var contentType = "user"
    var shared: Bool
    /// xe's derived `host` column for a local SR: the host's name-label.
    var localHostName: String?
}

struct PBDRecord {
    var uuid: String
    var host: String
    var sr: String
    var deviceConfig: [(String, String)]
    var attached = true
}

struct VMRecord {
    var uuid: String
    var name: String
    var powerState: String
    var isControlDomain = false
    var residentOn: String?
}

/// One pool database, as every member's `xe` prints it.
struct PoolDatabase {
    var pool: SimPoolRecord
    var hosts: [HostRecord] = []
    var pifs: [PIFRecord] = []
    var bonds: [BondRecord] = []
    var networks: [NetworkRecord] = []
    var vlans: [VLANRecord] = []
    var tunnels: [TunnelRecord] = []
    var srs: [SRRecord] = []
    var pbds: [PBDRecord] = []
    var vms: [VMRecord] = []

    func host(named name: String) -> HostRecord? { hosts.first { $0.name == name } }
    func hostIndex(_ name: String) -> Int { hosts.firstIndex { $0.name == name }! }
    func pifIndex(host name: String, device: String) -> Int {
        let uuid = host(named: name)!.uuid
        return pifs.firstIndex { $0.host == uuid && $0.device == device }!
    }
    func pbdIndex(host name: String, sr: String) -> Int {
        let uuid = host(named: name)!.uuid
        return pbds.firstIndex { $0.host == uuid && $0.sr == sr }!
    }
}

/// An interface as the OS prints it (`ip addr` or `ifconfig`).
struct OSInterfaceModel {
    var name: String
    var mac: String
    var mtu = 1500
    var up = true
    /// "172.16.0.10/27"
    var addresses: [String] = []
}

/// What one machine itself shows: OS commands, and its own reading of the pool's default SR.
struct MachineOS {
    var name: String
    var useIfconfig = false
    var interfaces: [OSInterfaceModel] = []
    /// `mount` lines.
    var mounts: [String] = []
    /// The server `showmount -e` is asked of; nil when it was not run.
    var showmountServer: String?
    /// `showmount -e SERVER | grep PATTERN`: only the export lines holding it, no header.
    var showmountGrep: String?
    /// The export lines show paths only (QNAP): the client lists are not printed.
    var showmountHidesClients = false
    /// When set, this host's own `xe pool-param-list` shows this default-SR
    /// ("" = `<not in database>`) instead of the pool record's.
    var ownDefaultSRReading: String?
}

/// An NFS server's export table, as showmount prints it.
struct ExportTable {
    var exports: [(path: String, clients: [String])]
}

struct PlanModel {
    struct Host { var name: String; var address: String?; var storageIP: String? }
    var poolName = "PDX0"
    var description = "NA-US-OR-PDX-0"
    var master = "xs-1"
    var hosts: [Host]
    var management = "172.16.0.0/27"
    var storageSubnet = "172.16.0.32/28"
    var storageDevice: String? = "bond0"
    var storageVLAN: Int?
    var storageMTU: Int?
    var redundancy: String? = "bond"
    var nfsServer = "172.16.0.34"
    var nfsPath = "/srv/vhd"

    var yaml: String {
        var text = "pool: {name: \(poolName), description: \(description), master: \(master)}\nhosts:\n"
        for host in hosts {
            var fields = ["name: \(host.name)"]
            if let address = host.address { fields.append("address: \(address)") }
            if let ip = host.storageIP { fields.append("storage_ip: \(ip)") }
            text += "  - {\(fields.joined(separator: ", "))}\n"
        }
        var storage = ["subnet: \(storageSubnet)"]
        if let storageDevice { storage.append("device: \(storageDevice)") }
        if let storageVLAN { storage.append("vlan: \(storageVLAN)") }
        if let storageMTU { storage.append("mtu: \(storageMTU)") }
        if let redundancy { storage.append("redundancy: \(redundancy)") }
        text += "networks:\n  management: \(management)\n  storage: {\(storage.joined(separator: ", "))}\n"
        text += "storage:\n  nfs: {server: \(nfsServer), path: \(nfsPath)}\n"
        return text
    }
}

enum Phase: String { case audit, preflight }

/// A whole scenario: the machines, the pool database(s) they belong to, the NFS server's
/// exports, and the plan.
struct Scenario {
    var phase: Phase
    var plan: PlanModel
    /// Audit: one database. Preflight: one per machine (each its own pool), possibly more hosts.
    var databases: [PoolDatabase]
    /// machine name -> index into `databases`.
    var membership: [String: Int]
    /// Machines in order (master first); each has a transcript file.
    var machines: [MachineOS]
    /// server address -> exports, shown by `showmount -e`.
    var exportTables: [String: ExportTable]

    var masterName: String { plan.master }

    func database(of machine: String) -> PoolDatabase { databases[membership[machine]!] }

    /// The audit's single pool database.
    var db: PoolDatabase {
        get { databases[0] }
        set { databases[0] = newValue }
    }

    func machineIndex(_ name: String) -> Int { machines.firstIndex { $0.name == name }! }

    mutating func editMachine(_ name: String, _ body: (inout MachineOS) -> Void) {
        body(&machines[machineIndex(name)])
    }

    mutating func editDatabase(of machine: String, _ body: (inout PoolDatabase) -> Void) {
        body(&databases[membership[machine]!])
    }

    /// The interface of a machine that carries `address`'s network, by name.
    mutating func editInterface(_ machine: String, _ interface: String, _ body: (inout OSInterfaceModel) -> Void) {
        editMachine(machine) { os in
            let index = os.interfaces.firstIndex { $0.name == interface }!
            body(&os.interfaces[index])
        }
    }
}
