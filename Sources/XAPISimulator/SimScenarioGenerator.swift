import PoolCheck

/// A synthetic pool for benchmarks and scale tests: N hosts, each with `pifsPerHost`
/// physical NICs (eth0 management, eth2 storage on the storage subnet), a local SR and
/// the shared NFS SR (so `pbdsPerHost` is 2), one control domain per host, and `vms`
/// guests spread over the hosts. Deterministic: the same arguments give the same pool.
public struct SimScenarioGenerator: Sendable {
    public var hostCount: Int
    public var vmCount: Int
    public var pifsPerHost: Int

    public init(hosts: Int, vms: Int, pifsPerHost: Int = 4) {
        hostCount = max(1, hosts)
        vmCount = max(0, vms)
        self.pifsPerHost = max(1, pifsPerHost)
    }

    public func database() -> XapiDatabase {
        let poolUUID = SimIdentifiers.uuid("pool", 0)
        let nfsUUID = SimIdentifiers.uuid("sr-nfs", 0)
        let networks = (0..<pifsPerHost).map { index -> Network in
            var network = Network(uuid: SimIdentifiers.uuid("network", index))
            network.name_label = index == 0 ? "Pool-wide network associated with eth0" : "Network \(index)"
            network.bridge = "xenbr\(index)"
            network.MTU = 1500
            network.PIFs = (0..<hostCount).map { SimIdentifiers.uuid("pif", $0 * pifsPerHost + index) }
            return network
        }
        var hosts: [Host] = []
        var pifs: [PIF] = []
        var srs: [SR] = []
        var pbds: [PBD] = []
        var vms: [VM] = []
        var nfs = SR(uuid: nfsUUID)
        nfs.name_label = "NAS-2-VHD"
        nfs.type = "nfs"
        nfs.content_type = "user"
        nfs.shared = true
        nfs.other_config = [:]
        nfs.PBDs = []

        for hostIndex in 0..<hostCount {
            let hostUUID = SimIdentifiers.uuid("host", hostIndex)
            var host = Host(uuid: hostUUID)
            host.name_label = "xs-\(hostIndex + 1)"
            host.name_description = "Default install"
            host.hostname = "xs-\(hostIndex + 1)"
            host.address = Self.address(10, hostIndex)
            host.enabled = true
            host.software_version = ["product_brand": "XenServer", "product_version": "6.5.0", "xapi": "1.3",
                                     "platform_version": "1.9.0", "build_number": "90233c"]
            host.API_version_major = 2
            host.API_version_minor = 3
            host.cpu_info = ["vendor": "GenuineIntel", "cpu_count": "8", "model": "62"]
            host.edition = "free"
            host.external_auth_type = ""
            hosts.append(host)

            for device in 0..<pifsPerHost {
                var pif = PIF(uuid: SimIdentifiers.uuid("pif", hostIndex * pifsPerHost + device))
                pif.device = "eth\(device)"
                pif.MAC = Self.mac(hostIndex, device)
                pif.physical = true
                pif.currently_attached = true
                pif.MTU = 1500
                pif.VLAN = -1
                pif.bond_master_of = []
                pif.tunnel_access_PIF_of = []
                pif.management = device == 0
                pif.network = networks[device].uuid
                pif.host = hostUUID
                pif.IPv6 = []
                pif.disallow_unplug = device == 2
                pif.other_config = [:]
                switch device {
                case 0:
                    pif.ip_configuration_mode = "Static"
                    pif.IP = host.address
                    pif.netmask = "255.255.255.0"
                    pif.gateway = "10.10.0.1"
                case 2:
                    pif.ip_configuration_mode = "Static"
                    pif.IP = Self.address(20, hostIndex)
                    pif.netmask = "255.255.255.0"
                    pif.gateway = ""
                default:
                    pif.ip_configuration_mode = "None"
                    pif.IP = ""
                    pif.netmask = ""
                    pif.gateway = ""
                }
                pifs.append(pif)
            }

            var local = SR(uuid: SimIdentifiers.uuid("sr-local", hostIndex))
            local.name_label = "Local storage"
            local.type = "lvm"
            local.content_type = "user"
            local.shared = false
            local.other_config = [:]
            var localPBD = PBD(uuid: SimIdentifiers.uuid("pbd-local", hostIndex))
            localPBD.host = hostUUID
            localPBD.SR = local.uuid
            localPBD.device_config = ["device": "/dev/sda3"]
            localPBD.currently_attached = true
            local.PBDs = [localPBD.uuid]
            var nfsPBD = PBD(uuid: SimIdentifiers.uuid("pbd-nfs", hostIndex))
            nfsPBD.host = hostUUID
            nfsPBD.SR = nfsUUID
            nfsPBD.device_config = ["server": "10.20.0.250", "serverpath": "/srv/vhd"]
            nfsPBD.currently_attached = true
            nfs.PBDs?.append(nfsPBD.uuid)
            srs.append(local)
            pbds += [localPBD, nfsPBD]

            var dom0 = VM(uuid: SimIdentifiers.uuid("dom0", hostIndex))
            dom0.name_label = "Control domain on host: xs-\(hostIndex + 1)"
            dom0.power_state = "Running"
            dom0.is_control_domain = true
            dom0.is_a_template = false
            dom0.resident_on = hostUUID
            vms.append(dom0)
        }
        srs.append(nfs)
        for vmIndex in 0..<vmCount {
            var vm = VM(uuid: SimIdentifiers.uuid("vm", vmIndex))
            vm.name_label = "guest-\(vmIndex + 1)"
            vm.power_state = vmIndex % 5 == 4 ? "Halted" : "Running"
            vm.is_control_domain = false
            vm.is_a_template = false
            vm.resident_on = vm.power_state == "Running" ? hosts[vmIndex % hostCount].uuid : nil
            vms.append(vm)
        }

        var pool = Pool(uuid: poolUUID)
        pool.name_label = "GEN\(hostCount)"
        pool.name_description = "generated pool of \(hostCount) hosts"
        pool.master = hosts[0].uuid
        pool.default_SR = nfsUUID
        pool.suspend_image_SR = nfsUUID
        pool.crash_dump_SR = nfsUUID
        pool.ha_enabled = false
        pool.other_config = [:]

        var database = XapiDatabase()
        database.pools = RecordSet(records: [pool], complete: true)
        database.hosts = RecordSet(records: hosts, complete: true)
        database.PIFs = RecordSet(records: pifs, complete: true)
        database.bonds = RecordSet(records: [], complete: true)
        database.networks = RecordSet(records: networks, complete: true)
        database.VLANs = RecordSet(records: [], complete: true)
        database.tunnels = RecordSet(records: [], complete: true)
        database.SRs = RecordSet(records: srs, complete: true)
        database.PBDs = RecordSet(records: pbds, complete: true)
        database.VMs = RecordSet(records: vms, complete: true)
        return database
    }

    public func scenario() throws -> SimScenario { try SimScenario(database: database()) }

    /// Documentation-range style addresses inside 10.10/16 and 10.20/16; never contacted.
    static func address(_ network: Int, _ index: Int) -> String {
        "10.\(network).\(index / 250).\(index % 250 + 1)"
    }

    static func mac(_ host: Int, _ device: Int) -> String {
        let bytes = [0x02, 0x00, (host >> 8) & 0xff, host & 0xff, 0x00, device & 0xff]
        return bytes.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined(separator: ":")
    }
}
