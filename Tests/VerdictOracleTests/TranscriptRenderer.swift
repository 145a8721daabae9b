/// Prints the model as an admin's terminal capture: `[root@xs-1 ~]# command` then real
/// `xe` output (`name-label ( RW): xs-1`, maps `k: v; k2: v2`, sets `a; b`,
/// `<not in database>`), `ip addr` / `ifconfig`, `mount` and `showmount -e`.
enum TranscriptRenderer {
    typealias Field = (name: String, access: String, value: String)
    static let none = "<not in database>"

    static func map(_ pairs: [(String, String)]) -> String { pairs.map { "\($0.0): \($0.1)" }.joined(separator: "; ") }
    static func set(_ items: [String]) -> String { items.joined(separator: "; ") }

    /// One record, colons aligned as xe aligns them when `aligned`.
    static func record(_ fields: [Field], aligned: Bool) -> String {
        let labels = fields.map { "\($0.name) (\($0.access))" }
        guard aligned else {
            return zip(labels, fields).map { "\($0.0): \($0.1.value)" }.joined(separator: "\n")
        }
        let width = labels.map(\.count).max() ?? 0
        return zip(labels, fields).enumerated().map { index, pair in
            let padding = String(repeating: " ", count: width - pair.0.count)
            let label = index == 0 ? pair.0 + padding : padding + pair.0
            return "\(label): \(pair.1.value)"
        }.joined(separator: "\n")
    }

    static func records(_ all: [[Field]], aligned: Bool) -> String {
        all.map { record($0, aligned: aligned) }.joined(separator: "\n\n")
    }

    static func poolFields(_ pool: SimPoolRecord, defaultSR: String?) -> [Field] {
        [("uuid", " RO", pool.uuid), ("name-label", " RW", pool.name), ("name-description", " RW", pool.description),
         ("master", " RO", pool.master), ("default-SR", " RW", defaultSR ?? none),
         ("crash-dump-SR", " RW", pool.crashDumpSR ?? none), ("suspend-image-SR", " RW", pool.suspendImageSR ?? none),
         ("supported-sr-types", " RO", "lvm; iscsi; ext; file; dummy; lvmoiscsi; hba; nfs; lvmohba; iso; udev"),
         ("other-config", "MRW", "cpuid_feature_mask: ffffff7f-ffffffff-ffffffff-ffffffff; memory-ratio-hvm: 0.25; memory-ratio-pv: 0.25"),
         ("ha-enabled", " RO", pool.haEnabled ? "true" : "false"), ("ha-configuration", " RO", ""),
         ("ha-statefiles", " RO", ""), ("ha-host-failures-to-tolerate", " RW", pool.haEnabled ? "1" : "0"),
         ("ha-plan-exists-for", " RO", "0"), ("ha-allow-overcommit", " RW", "false"), ("ha-overcommitted", " RO", "false"),
         ("blobs", " RO", ""), ("wlb-url", " RO", ""), ("wlb-username", " RO", ""), ("wlb-enabled", " RW", "false"),
         ("wlb-verify-cert", " RW", "false"), ("gui-config", "MRW", ""), ("tags", "SRW", ""),
         ("license-state", " RO", "edition: free; expiry: never")]
    }

    static func hostFields(_ host: HostRecord) -> [Field] {
        let software: [(String, String)] = [
            ("product_version", host.productVersion), ("product_version_text", "6.5"), ("product_version_text_short", "6.5"),
            ("platform_name", "XCP"), ("platform_version", "1.9.0"), ("product_brand", host.productBrand),
            ("build_number", "90233c"), ("hostname", host.name), ("date", "2015-01-05"), ("dbv", "2015.0101"),
            ("xapi", host.xapiVersion), ("xen", "4.4.1-xs90192"), ("linux", "3.10.0+2"), ("xencenter_min", "2.3"),
            ("xencenter_max", "2.4"), ("network_backend", host.networkBackend),
            ("xs:main", "Base Pack, version 6.5.0, build 90233c"),
        ]
        let cpu: [(String, String)] = [
            ("cpu_count", "8"), ("socket_count", "1"), ("vendor", host.cpuVendor), ("speed", "2400.084"),
            ("modelname", host.cpuVendor == "GenuineIntel" ? "Intel(R) Xeon(R) CPU E5620 @ 2.40GHz" : "AMD Opteron(tm) Processor 6212"),
            ("family", "6"), ("model", "44"), ("stepping", "2"), ("flags", "fpu de tsc msr pae mce cx8 apic sep mtrr"),
            ("features", "029ee3ff-bfebfbff-00000001-2c100800"), ("maskable", "full"),
        ]
        return [("uuid", " RO", host.uuid), ("name-label", " RW", host.name), ("name-description", " RW", "Default install of XenServer"),
                ("allowed-operations", "SRO", "VM.migrate; provision; VM.resume; evacuate; VM.start"),
                ("current-operations", "SRO", ""), ("enabled", " RO", host.enabled ? "true" : "false"),
                ("display", " RO", host.enabled ? "enabled" : "disabled"),
                ("API-version-major", " RO", "\(host.apiMajor)"), ("API-version-minor", " RO", "\(host.apiMinor)"),
                ("API-version-vendor", " RO", "XenSource"), ("API-version-vendor-implementation", "MRO", ""),
                ("logging", "MRW", ""), ("suspend-image-sr-uuid", " RW", host.suspendImageSR ?? none),
                ("crash-dump-sr-uuid", " RW", host.crashDumpSR ?? none), ("software-version", "MRO", map(software)),
                ("capabilities", "SRO", "xen-3.0-x86_64; xen-3.0-x86_32p; hvm-3.0-x86_32; hvm-3.0-x86_32p; hvm-3.0-x86_64"),
                ("other-config", "MRW", map(host.otherConfig)), ("cpu_info", "MRO", map(cpu)),
                ("hostname", " RO", host.name), ("address", " RO", host.address),
                ("supported-bootloaders", "SRO", "pygrub; eliloader"), ("memory-overhead", " RO", "1010827264"),
                ("external-auth-type", " RO", host.externalAuthType),
                ("external-auth-service-name", " RO", host.externalAuthServiceName),
                ("external-auth-configuration", "MRO", ""), ("edition", " RO", host.edition),
                ("license-server", "MRO", "address: localhost; port: 27000"), ("power-on-mode", " RO", ""),
                ("power-on-config", "MRO", ""), ("local-cache-sr", " RO", none), ("tags", "SRW", ""),
                ("ssl-legacy", " RW", "true"), ("guest_VCPUs_params", "MRW", ""), ("virtual-hardware-platform-versions", " RO", "0; 1")]
    }

    static func pifFields(_ pif: PIFRecord, in db: PoolDatabase) -> [Field] {
        let network = db.networks.first { $0.uuid == pif.network }
        let host = db.hosts.first { $0.uuid == pif.host }
        return [("uuid", " RO", pif.uuid), ("device", " RO", pif.device), ("MAC", " RO", pif.mac),
                ("physical", " RO", pif.physical ? "true" : "false"), ("managed", " RO", "true"),
                ("currently-attached", " RO", pif.attached ? "true" : "false"), ("MTU", " RO", "\(pif.mtu)"),
                ("VLAN", " RO", "\(pif.vlan)"), ("bond-master-of", "SRO", set(pif.bondMasterOf)),
                ("bond-slave-of", " RO", pif.bondSlaveOf ?? none), ("tunnel-access-PIF-of", "SRO", set(pif.tunnelAccessOf)),
                ("tunnel-transport-PIF-of", "SRO", set(pif.tunnelTransportOf)),
                ("vlan-master-of", " RO", pif.vlanMasterOf ?? none), ("vlan-slave-of", "SRO", ""),
                ("management", " RO", pif.management ? "true" : "false"), ("network-uuid", " RO", pif.network),
                ("network-name-label", " RO", network?.name ?? none), ("host-uuid", " RO", pif.host),
                ("host-name-label", " RO", host?.name ?? none), ("IP-configuration-mode", " RO", pif.mode),
                ("IP", " RO", pif.ip), ("netmask", " RO", pif.netmask), ("gateway", " RO", pif.gateway),
                ("IPv6-configuration-mode", " RO", "None"), ("IPv6", "SRO", ""), ("IPv6-gateway", " RO", ""),
                ("primary-address-type", " RO", "IPv4"), ("DNS", " RO", pif.management ? "172.16.0.2" : ""),
                ("properties", "MRO", pif.physical ? "gro: on" : ""), ("carrier", " RO", pif.attached ? "true" : "false"),
                ("vendor-name", " RO", pif.physical ? "Intel Corporation" : ""),
                ("device-name", " RO", pif.physical ? "82574L Gigabit Network Connection" : ""),
                ("speed", " RO", pif.physical ? "1000 Mbit/s" : ""), ("duplex", " RO", pif.physical ? "full" : ""),
                ("disallow-unplug", " RW", "false"), ("other-config", "MRW", "")]
    }

    static func bondFields(_ bond: BondRecord) -> [Field] {
        [("uuid", " RO", bond.uuid), ("master", " RO", bond.master), ("slaves", "SRO", set(bond.slaves)),
         ("mode", " RO", bond.mode), ("properties", "MRO", bond.mode == "lacp" ? "hashing_algorithm: tcpudp_ports" : ""),
         ("primary-slave", " RO", bond.primarySlave ?? none), ("links-up", " RO", "\(bond.slaves.count)")]
    }

    static func networkFields(_ network: NetworkRecord) -> [Field] {
        [("uuid", " RO", network.uuid), ("name-label", " RW", network.name), ("name-description", " RW", ""),
         ("VIF-uuids", "SRO", ""), ("PIF-uuids", "SRO", set(network.pifs)), ("MTU", " RW", "\(network.mtu)"),
         ("bridge", " RO", network.bridge), ("other-config", "MRW", ""), ("blobs", " RO", ""), ("tags", "SRW", ""),
         ("default-locking-mode", " RW", "unlocked")]
    }

    static func vlanFields(_ vlan: VLANRecord) -> [Field] {
        [("uuid", " RO", vlan.uuid), ("tagged-PIF", " RO", vlan.taggedPIF), ("untagged-PIF", " RO", vlan.untaggedPIF),
         ("tag", " RO", "\(vlan.tag)"), ("other-config", "MRW", "")]
    }

    static func tunnelFields(_ tunnel: TunnelRecord) -> [Field] {
        [("uuid", " RO", tunnel.uuid), ("access-PIF", " RO", tunnel.accessPIF), ("transport-PIF", " RO", tunnel.transportPIF),
         ("status", "MRO", "active: true; key: 1"), ("other-config", "MRW", "")]
    }

    static func srFields(_ sr: SRRecord, in db: PoolDatabase) -> [Field] {
        let pbds = db.pbds.filter { $0.sr == sr.uuid }.map(\.uuid)
        return [("uuid", " RO", sr.uuid), ("name-label", " RW", sr.name), ("name-description", " RW", ""),
                ("host", " RO", sr.shared ? "<shared>" : (sr.localHostName ?? none)),
                ("allowed-operations", "SRO", "VDI.create; VDI.snapshot; PBD.create; PBD.destroy; plug; update; VDI.destroy; scan; VDI.clone; VDI.resize; unplug"),
                ("current-operations", "SRO", ""), ("VDIs", "SRO", ""), ("PBDs", "SRO", set(pbds)),
                ("virtual-allocation", " RO", "0"), ("physical-utilisation", " RO", "4096"),
                ("physical-size", " RO", "1967317647360"), ("type", " RO", sr.type), ("content-type", " RO", sr.contentType),
                ("shared", " RW", sr.shared ? "true" : "false"), ("introduced-by", " RO", none),
                ("other-config", "MRW", sr.type == "nfs" ? "auto-scan: true" : "i18n-original-value-name_label: Local storage; i18n-key: local-storage"),
                ("sm-config", "MRO", sr.type == "lvm" ? "allocation: thick; use_vhd: true" : ""), ("blobs", " RO", ""),
                ("local-cache-enabled", " RO", "false"), ("tags", "SRW", "")]
    }

    static func pbdFields(_ pbd: PBDRecord) -> [Field] {
        [("uuid", " RO", pbd.uuid), ("host-uuid", " RO", pbd.host), ("sr-uuid", " RO", pbd.sr),
         ("device-config", "MRO", map(pbd.deviceConfig)), ("currently-attached", " RO", pbd.attached ? "true" : "false"),
         ("other-config", "MRW", "storage_driver_domain: OpaqueRef:0e9d2a8c-7d3f-4f27-b0b4-1a2c3d4e5f60")]
    }

    static func vmFields(_ vm: VMRecord) -> [Field] {
        [("uuid", " RO", vm.uuid), ("name-label", " RW", vm.name), ("name-description", " RW", ""),
         ("user-version", " RW", "1"), ("is-a-template", " RW", "false"), ("is-a-snapshot", " RO", "false"),
         ("power-state", " RO", vm.powerState), ("is-control-domain", " RO", vm.isControlDomain ? "true" : "false"),
         ("resident-on", " RO", vm.residentOn ?? none), ("affinity", " RW", none),
         ("memory-static-max", " RW", "4294967296"), ("VCPUs-max", " RW", "2"), ("other-config", "MRW", "")]
    }

    /// How a host's shell prompt looks: XenServer's `[root@xs-1 ~]#`, XCP-ng's PS1 with the
    /// time, or that PS1 coloured as `script(1)` records it (window title, colour codes).
    enum PromptStyle { case redHat, xcpngClock, colouredTypescript }

    static func prompt(_ host: String, _ command: String, _ style: PromptStyle = .redHat) -> String {
        switch style {
        case .redHat: "[root@\(host) ~]# \(command)"
        case .xcpngClock: "[10:38 \(host) ~]# \(command)"
        case .colouredTypescript:
            "\u{1B}]0;root@\(host):~\u{07}\u{1B}[01;31m[\u{1B}[01;33m10:38 \u{1B}[01;36m\(host) \u{1B}[01;34m~\u{1B}[01;31m]\u{1B}[00m# \(command)"
        }
    }

    /// The file as `script(1)` writes it: header and footer lines, CR LF line ends.
    static func typescript(_ text: String) -> String {
        ("Script started on 2025-02-22 10:38:02+00:00 [TERM=\"xterm-256color\"]\n" + text
            + "\nScript done on 2025-02-22 10:38:09+00:00 [COMMAND_EXIT_CODE=\"0\"]\n")
            .split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
    }

    /// Every `xe <class>-list params=all`, as run on `machine` (whose own reading of the pool's
    /// default-SR is printed in the pool record).
    static func xeListings(_ scenario: Scenario, on machine: MachineOS, aligned: Bool, style: PromptStyle = .redHat) -> String {
        let db = scenario.database(of: machine.name)
        let name = machine.name
        var blocks: [String] = []
        func block(_ command: String, _ output: String) {
            blocks.append(prompt(name, command, style) + (output.isEmpty ? "" : "\n" + output))
        }
        block("xe pool-list params=all", record(poolFields(db.pool, defaultSR: reading(machine, db)), aligned: aligned))
        block("xe host-list params=all", records(db.hosts.map(hostFields), aligned: aligned))
        block("xe pif-list params=all", records(db.pifs.map { pifFields($0, in: db) }, aligned: aligned))
        block("xe bond-list params=all", records(db.bonds.map(bondFields), aligned: aligned))
        block("xe network-list params=all", records(db.networks.map(networkFields), aligned: aligned))
        block("xe vlan-list params=all", records(db.vlans.map(vlanFields), aligned: aligned))
        block("xe tunnel-list params=all", records(db.tunnels.map(tunnelFields), aligned: aligned))
        block("xe sr-list params=all", records(db.srs.map { srFields($0, in: db) }, aligned: aligned))
        block("xe pbd-list params=all", records(db.pbds.map(pbdFields), aligned: aligned))
        block("xe vm-list params=all", records(db.vms.map(vmFields), aligned: aligned))
        return blocks.joined(separator: "\n\n")
    }

    /// The default-SR this machine's own xe prints.
    static func reading(_ machine: MachineOS, _ db: PoolDatabase) -> String? {
        guard let own = machine.ownDefaultSRReading else { return db.pool.defaultSR }
        return own.isEmpty ? nil : own
    }

    /// The OS commands (and, when `ownPoolReading`, the host's own `xe pool-param-list`).
    static func osCommands(_ scenario: Scenario, on machine: MachineOS, ownPoolReading: Bool,
                           showmount dialect: ShowmountDialect = .nfsUtils, style: PromptStyle = .redHat) -> String {
        let name = machine.name
        func prompt(_ host: String, _ command: String) -> String { Self.prompt(host, command, style) }
        var blocks = [prompt(name, "hostname") + "\n" + name]
        blocks.append(machine.useIfconfig ? prompt(name, "ifconfig") + "\n" + ifconfig(machine) : prompt(name, "ip addr") + "\n" + ipAddr(machine))
        blocks.append(prompt(name, "mount") + "\n" + machine.mounts.joined(separator: "\n"))
        if let server = machine.showmountServer {
            let command = "showmount -e \(server)" + (machine.showmountGrep.map { " | grep \($0)" } ?? "")
            let output = dialect.render(server: server, scenario.exportTables[server], grep: machine.showmountGrep,
                                        clients: !machine.showmountHidesClients)
            blocks.append(prompt(name, command) + (output.isEmpty ? "" : "\n" + output))
        }
        if ownPoolReading {
            let db = scenario.database(of: name)
            blocks.append(prompt(name, "xe pool-param-list uuid=\(db.pool.uuid)") + "\n"
                + record(poolFields(db.pool, defaultSR: reading(machine, db)), aligned: false))
        }
        return blocks.joined(separator: "\n\n")
    }

    static func ipAddr(_ machine: MachineOS) -> String {
        var lines: [String] = []
        for (index, interface) in machine.interfaces.enumerated() {
            let loopback = interface.name == "lo"
            let flags = loopback ? "<LOOPBACK,UP,LOWER_UP>" : (interface.up ? "<BROADCAST,MULTICAST,UP,LOWER_UP>" : "<BROADCAST,MULTICAST>")
            let state = loopback ? "UNKNOWN" : (interface.up ? "UP" : "DOWN")
            lines.append("\(index + 1): \(interface.name): \(flags) mtu \(interface.mtu) qdisc \(loopback ? "noqueue" : "mq") state \(state) qlen 1000")
            lines.append(loopback ? "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00"
                : "    link/ether \(interface.mac) brd ff:ff:ff:ff:ff:ff")
            for address in interface.addresses {
                let scope = loopback ? "host" : "global"
                let broadcast = broadcastOf(address).map { " brd \($0)" } ?? ""
                lines.append("    inet \(address)\(loopback ? "" : broadcast) scope \(scope) \(interface.name)")
                if !loopback { lines.append("       valid_lft forever preferred_lft forever") }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func ifconfig(_ machine: MachineOS) -> String {
        var blocks: [String] = []
        for interface in machine.interfaces {
            let loopback = interface.name == "lo"
            var lines = [loopback ? "lo        Link encap:Local Loopback  "
                : "\(interface.name.padding(toLength: 10, withPad: " ", startingAt: 0))Link encap:Ethernet  HWaddr \(interface.mac.uppercased())  "]
            for address in interface.addresses {
                let parts = address.split(separator: "/")
                let mask = dottedMask(Int(parts[1])!)
                if loopback {
                    lines.append("          inet addr:\(parts[0])  Mask:\(mask)")
                } else {
                    lines.append("          inet addr:\(parts[0])  Bcast:\(broadcastOf(address) ?? "0.0.0.0")  Mask:\(mask)")
                }
            }
            lines.append("          \(interface.up ? "UP " : "")\(loopback ? "LOOPBACK" : "BROADCAST") RUNNING\(loopback ? "" : " MULTICAST")  MTU:\(interface.mtu)  Metric:1")
            lines.append("          RX packets:1234567 errors:0 dropped:0 overruns:0 frame:0")
            lines.append("          TX packets:765432 errors:0 dropped:0 overruns:0 carrier:0")
            lines.append("          collisions:0 txqueuelen:0 ")
            lines.append("          RX bytes:987654321 (941.9 MiB)  TX bytes:123456789 (117.7 MiB)")
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }

    static func dottedMask(_ prefix: Int) -> String {
        let bits: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - UInt32(prefix))
        return [24, 16, 8, 0].map { String((bits >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }

    static func broadcastOf(_ cidr: String) -> String? {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]) else { return nil }
        let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4 else { return nil }
        let address = octets.reduce(0) { $0 << 8 | $1 }
        let host: UInt32 = prefix == 32 ? 0 : ~UInt32(0) >> UInt32(prefix)
        let broadcast = address | host
        return [24, 16, 8, 0].map { String((broadcast >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }

    // MARK: Layouts

    /// "master-listings": the master holds every xe listing and its OS commands; each member
    /// only its OS commands and its own `xe pool-param-list`.
    static func masterListings(_ scenario: Scenario) -> [String: String] {
        var files: [String: String] = [:]
        for machine in scenario.machines {
            if machine.name == scenario.masterName {
                files[machine.name] = xeListings(scenario, on: machine, aligned: true) + "\n\n"
                    + osCommands(scenario, on: machine, ownPoolReading: false) + "\n"
            } else {
                files[machine.name] = osCommands(scenario, on: machine, ownPoolReading: true) + "\n"
            }
        }
        return files
    }

    /// "every-host": every host's file holds all xe listings (as its own xe prints them) and its
    /// OS commands. The hosts' prompts differ (XCP-ng's clock PS1, XenServer's, a coloured
    /// `script(1)` typescript), so every mutation is judged through each prompt style too.
    static func everyHost(_ scenario: Scenario) -> [String: String] {
        var files: [String: String] = [:]
        let styles: [PromptStyle] = [.xcpngClock, .redHat, .colouredTypescript]
        for (index, machine) in scenario.machines.enumerated() {
            let style = styles[index % styles.count]
            let text = xeListings(scenario, on: machine, aligned: index % 2 == 1, style: style) + "\n\n"
                + osCommands(scenario, on: machine, ownPoolReading: false, showmount: .rotating(index, shift: 1), style: style) + "\n"
            files[machine.name] = style == .colouredTypescript ? typescript(text) : text
        }
        return files
    }

    /// What XAPI cannot give: each host's OS commands and its own reading of the pool.
    static func osOnly(_ scenario: Scenario) -> [String: String] {
        var files: [String: String] = [:]
        for (index, machine) in scenario.machines.enumerated() {
            files[machine.name] = osCommands(scenario, on: machine, ownPoolReading: true, showmount: .rotating(index, shift: 2)) + "\n"
        }
        return files
    }
}
