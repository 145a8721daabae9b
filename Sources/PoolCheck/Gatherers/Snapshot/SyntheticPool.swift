/// Writes the transcripts an admin would collect from an N-host pool (4 PIFs and 2 PBDs
/// per host, M VMs), in the real xe/ifconfig/mount/showmount formats, for benchmarks and
/// scale tests. The master lists the whole pool; every other member shows its own pool
/// record, PIFs, PBDs, interfaces, mounts and export list — or, with `repeatListings`, the
/// whole pool's listings again, as admins do who run the same script on every host.
public struct SyntheticPool: Sendable {
    public var hosts: Int
    public var vms: Int
    public var repeatListings: Bool

    public init(hosts: Int, vms: Int, repeatListings: Bool = false) {
        self.hosts = max(1, hosts)
        self.vms = max(0, vms)
        self.repeatListings = repeatListings
    }

    public static let nfsServer = "10.0.4.2"

    public func hostName(_ host: Int) -> String { "xs-\(host + 1)" }
    public func hostUUID(_ host: Int) -> String { Self.uuid(1, host) }
    public var poolUUID: String { Self.uuid(2, 0) }
    public var sharedSRUUID: String { Self.uuid(3, 0) }
    public func localSRUUID(_ host: Int) -> String { Self.uuid(4, host) }
    public func pifUUID(_ host: Int, _ device: Int) -> String { Self.uuid(5, host * 4 + device) }
    public func networkUUID(_ device: Int) -> String { Self.uuid(6, device) }
    public func pbdUUID(_ host: Int, shared: Bool) -> String { Self.uuid(7, host * 2 + (shared ? 0 : 1)) }
    public func vmUUID(_ vm: Int) -> String { Self.uuid(8, vm) }
    public func controlDomainUUID(_ host: Int) -> String { Self.uuid(9, host) }
    public func managementIP(_ host: Int) -> String { "10.0.\(host / 200).\(10 + host % 200)" }
    public func storageIP(_ host: Int) -> String { "10.0.\(4 + host / 200).\(10 + host % 200)" }

    /// (file name, transcript text) for every host, master first.
    public func transcripts() -> [(name: String, text: String)] {
        (0..<hosts).map { host in
            ("\(hostName(host)).txt", host == 0 || repeatListings ? fullTranscript(host) : memberTranscript(host))
        }
    }

    /// Writes the transcripts into `folder` (created if missing).
    public func write(to folder: String) throws {
        try SyntheticFiles.write(transcripts(), to: folder)
    }

    // MARK: transcripts

    private func prompt(_ host: Int, _ command: String) -> String {
        "[root@\(hostName(host)) ~]# \(command)\n"
    }

    /// The pool's listings (every member's `xe` reads the master's database) and the host's own OS commands.
    private func fullTranscript(_ at: Int) -> String {
        var out = prompt(at, "hostname") + hostName(at) + "\n\n"
        out += prompt(at, "xe host-list")
        for host in 0..<hosts {
            out += XeRecordPrinter.record([
                .init("uuid", "RO", hostUUID(host)), .init("name-label", "RW", hostName(host)),
                .init("name-description", "RW", "Default install"),
            ])
        }
        out += prompt(at, "xe pool-param-list uuid=\(poolUUID)") + poolRecord(full: true)
        out += prompt(at, "xe pif-list params=uuid,device,host-uuid,management,IP-configuration-mode,IP,netmask,gateway,MTU,network-uuid,currently-attached,bond-master-of,VLAN")
        for host in 0..<hosts { for device in 0..<4 { out += pifRecord(host, device) } }
        out += prompt(at, "xe bond-list") + "\n"
        out += prompt(at, "xe network-list")
        for device in 0..<4 {
            out += XeRecordPrinter.record([
                .init("uuid", "RO", networkUUID(device)), .init("name-label", "RW", "Pool-wide network associated with eth\(device)"),
                .init("name-description", "RW", ""), .init("bridge", "RO", "xenbr\(device)"),
            ])
        }
        out += prompt(at, "xe sr-list")
        out += XeRecordPrinter.record([
            .init("uuid", "RO", sharedSRUUID), .init("name-label", "RW", "NAS-VHD"), .init("name-description", "RW", ""),
            .init("host", "RO", "<shared>"), .init("type", "RO", "nfs"), .init("content-type", "RO", "user"),
        ])
        for host in 0..<hosts {
            out += XeRecordPrinter.record([
                .init("uuid", "RO", localSRUUID(host)), .init("name-label", "RW", "Local storage"),
                .init("name-description", "RW", ""), .init("host", "RO", hostName(host)),
                .init("type", "RO", "lvm"), .init("content-type", "RO", "user"),
            ])
        }
        out += prompt(at, "xe pbd-list")
        for host in 0..<hosts { out += pbdRecord(host, shared: true) + pbdRecord(host, shared: false) }
        out += prompt(at, "xe vm-list params=uuid,name-label,power-state,is-control-domain,resident-on")
        for host in 0..<hosts {
            out += XeRecordPrinter.record([
                .init("uuid", "RO", controlDomainUUID(host)), .init("name-label", "RW", "Control domain on host: \(hostName(host))"),
                .init("power-state", "RO", "running"), .init("is-control-domain", "RO", "true"),
                .init("resident-on", "RO", hostUUID(host)),
            ])
        }
        for vm in 0..<vms {
            let running = vm % 3 != 0
            out += XeRecordPrinter.record([
                .init("uuid", "RO", vmUUID(vm)), .init("name-label", "RW", "vm-\(vm + 1)"),
                .init("power-state", "RO", running ? "running" : "halted"), .init("is-control-domain", "RO", "false"),
                .init("resident-on", "RO", running ? hostUUID(vm % hosts) : "<not in database>"),
            ])
        }
        return out + osCommands(at)
    }

    private func memberTranscript(_ host: Int) -> String {
        var out = prompt(host, "hostname") + hostName(host) + "\n\n"
        out += prompt(host, "xe pool-list") + poolRecord(full: false)
        out += prompt(host, "xe pif-list host-uuid=\(hostUUID(host)) params=uuid,device,host-uuid,management,IP-configuration-mode,IP,netmask,gateway,MTU,network-uuid,currently-attached,bond-master-of,VLAN")
        for device in 0..<4 { out += pifRecord(host, device) }
        out += prompt(host, "xe pbd-list host-uuid=\(hostUUID(host))")
        out += pbdRecord(host, shared: true) + pbdRecord(host, shared: false)
        return out + osCommands(host)
    }

    private func poolRecord(full: Bool) -> String {
        var fields: [XeRecordPrinter.Field] = [
            .init("uuid", "RO", poolUUID), .init("name-label", "RW", "BENCH"), .init("name-description", "RW", "synthetic pool"),
            .init("master", "RO", hostUUID(0)), .init("default-SR", "RW", sharedSRUUID),
        ]
        if full {
            fields += [
                .init("crash-dump-SR", "RW", sharedSRUUID), .init("suspend-image-SR", "RW", sharedSRUUID),
                .init("supported-sr-types", "RO", "lvm; iscsi; ext; file; dummy; lvmoiscsi; hba; nfs; lvmohba; iso; udev"),
                .init("other-config", "MRW", "cpuid_feature_mask: ffffff7f-ffffffff-ffffffff-ffffffff; memory-ratio-hvm: 0.25"),
                .init("ha-enabled", "RO", "false"), .init("ha-configuration", "RO", ""), .init("tags", "SRW", ""),
            ]
        }
        return XeRecordPrinter.record(fields)
    }

    /// eth0 management, eth1 guests, eth2 storage (static, /24), eth3 unconfigured.
    private func pifRecord(_ host: Int, _ device: Int) -> String {
        let mode = device == 0 || device == 2 ? "Static" : "None"
        let ip = device == 0 ? managementIP(host) : device == 2 ? storageIP(host) : ""
        return XeRecordPrinter.record([
            .init("uuid", "RO", pifUUID(host, device)), .init("device", "RO", "eth\(device)"),
            .init("host-uuid", "RO", hostUUID(host)), .init("management", "RO", device == 0 ? "true" : "false"),
            .init("IP-configuration-mode", "RO", mode), .init("IP", "RO", ip),
            .init("netmask", "RO", ip.isEmpty ? "" : (device == 0 ? "255.255.252.0" : "255.255.252.0")),
            .init("gateway", "RO", device == 0 ? "10.0.0.1" : ""), .init("MTU", "RO", "1500"),
            .init("network-uuid", "RO", networkUUID(device)), .init("currently-attached", "RO", "true"),
            .init("bond-master-of", "SRO", ""), .init("VLAN", "RO", "-1"),
        ])
    }

    private func pbdRecord(_ host: Int, shared: Bool) -> String {
        XeRecordPrinter.record([
            .init("uuid", "RO", pbdUUID(host, shared: shared)), .init("host-uuid", "RO", hostUUID(host)),
            .init("sr-uuid", "RO", shared ? sharedSRUUID : localSRUUID(host)),
            .init("device-config", "MRO", shared ? "serverpath: /srv/vhd; server: \(Self.nfsServer)"
                                                : "device: /dev/disk/by-id/scsi-SATA_disk\(host)-part3"),
            .init("currently-attached", "RO", "true"),
        ])
    }

    private func osCommands(_ host: Int) -> String {
        var out = prompt(host, "ifconfig")
        out += "xenbr0    Link encap:Ethernet  HWaddr 00:16:3E:00:\(Self.hex2(host / 256)):\(Self.hex2(host % 256))  \n"
        out += "          inet addr:\(managementIP(host))  Bcast:10.0.3.255  Mask:255.255.252.0\n"
        out += "          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n"
        out += "          RX packets:1203948 errors:0 dropped:0 overruns:0 frame:0\n\n"
        out += "xenbr2    Link encap:Ethernet  HWaddr 00:16:3E:02:\(Self.hex2(host / 256)):\(Self.hex2(host % 256))  \n"
        out += "          inet addr:\(storageIP(host))  Bcast:10.0.7.255  Mask:255.255.252.0\n"
        out += "          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n\n"
        out += "lo        Link encap:Local Loopback  \n"
        out += "          inet addr:127.0.0.1  Mask:255.0.0.0\n"
        out += "          UP LOOPBACK RUNNING  MTU:16436  Metric:1\n\n"
        out += prompt(host, "mount")
        out += "/dev/sda1 on / type ext3 (rw)\n"
        out += "proc on /proc type proc (rw)\n"
        out += "\(Self.nfsServer):/srv/vhd/\(sharedSRUUID) on /var/run/sr-mount/\(sharedSRUUID) type nfs (rw,soft,proto=tcp,acdirmin=0,acdirmax=0,addr=\(Self.nfsServer))\n"
        out += prompt(host, "showmount -e \(Self.nfsServer)")
        out += "Export list for \(Self.nfsServer):\n/srv/vhd 10.0.4.0/22\n/srv/iso 10.0.4.0/22,10.0.0.0/22\n"
        return out
    }

    // MARK: deterministic identifiers

    private static func hex2(_ value: Int) -> String {
        let digits = String(value & 0xFF, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// A uuid-shaped identifier that differs for every (kind, index) and is the same every run.
    static func uuid(_ kind: UInt64, _ index: Int) -> String {
        var state = kind &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index) &* 0xBF58_476D_1CE4_E5B9
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text.suffix(digits)
        }
        let high = next(), low = next()
        return "\(hex(high >> 32, 8))-\(hex((high >> 16) & 0xFFFF, 4))-\(hex(high & 0xFFFF, 4))-\(hex(low >> 48, 4))-\(hex(low & 0xFFFF_FFFF_FFFF, 12))"
    }
}
