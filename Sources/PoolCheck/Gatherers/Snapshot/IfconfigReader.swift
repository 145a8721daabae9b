import Addressing

/// Reads `ifconfig` output in both formats net-tools has printed:
/// old (`xenbr0 Link encap:Ethernet HWaddr 00:1F:...` / `inet addr:172.16.0.10 Bcast:... Mask:...`)
/// and new (`eth0: flags=4163<UP,...>  mtu 1500` / `inet 1.2.3.4  netmask ...  broadcast ...`),
/// indented or not, whole or through `| grep inet -B1` (or `ifconfig DEV | grep inet`: DEV's lines).
/// Up means up and running: `UP` without `RUNNING` is a link without a carrier, stored down.
enum IfconfigReader {
    /// Continuation lines that carry nothing poolcheck uses, by their first word.
    private static let ignoredLeads: Set<String> = [
        "RX", "TX", "Base", "device", "loop", "unspec", "infiniband", "txqueuelen", "media:", "status:", "nd6",
    ]
    /// ... or by how the first word starts (`collisions:0`, `Interrupt:17`, `Memory:fe9e0000-...`).
    private static let ignoredPrefixes = ["collisions:", "Interrupt:", "Memory:", "options=", "DMA"]

    static func read(_ text: TranscriptText, lines: [Int], device: String? = nil) -> (interfaces: [OSInterface], unplaced: [LineIssue]) {
        // Lines before any header belong to the interface the command named.
        var interfaces: [OSInterface] = device.map { [OSInterface(name: $0)] } ?? []
        var unplaced: [LineIssue] = []
        for line in lines {
            let range = text.trimmed(text.lines[line])
            if range.isEmpty || text.equals(range, "--") { continue }
            let words = text.words(range).map { text.string($0) }
            if let header = header(words) {
                interfaces.append(header)
                continue
            }
            guard !interfaces.isEmpty, continuation(words, into: &interfaces[interfaces.count - 1]) else {
                unplaced.append(LineIssue(line))
                continue
            }
        }
        // The named interface stays only if it showed something (its own header replaced it otherwise).
        if let device, interfaces.first == OSInterface(name: device) { interfaces.removeFirst() }
        return (interfaces, unplaced)
    }

    /// The interface `ifconfig NAME` names, if any.
    static func device(in words: [String]) -> String? {
        words.dropFirst().first { !$0.hasPrefix("-") }
    }

    private static func header(_ words: [String]) -> OSInterface? {
        guard words.count >= 2 else { return nil }
        if words[1] == "Link", words.count >= 3, words[2].hasPrefix("encap:") {
            var interface = OSInterface(name: words[0])
            if let index = words.firstIndex(of: "HWaddr"), index + 1 < words.count { interface.mac = words[index + 1] }
            return interface
        }
        if words[0].hasSuffix(":"), words[1].hasPrefix("flags=") {
            var interface = OSInterface(name: String(words[0].dropLast()))
            if let open = words[1].firstIndex(of: "<"), let close = words[1].lastIndex(of: ">"), open < close {
                flags(words[1][words[1].index(after: open)..<close].split(separator: ",").map(String.init), into: &interface)
            }
            if let index = words.firstIndex(of: "mtu"), index + 1 < words.count { interface.mtu = Int(words[index + 1]) }
            return interface
        }
        return nil
    }

    /// Applies one indented line to the interface above it; false when it is not one.
    private static func continuation(_ words: [String], into interface: inout OSInterface) -> Bool {
        guard let lead = words.first else { return false }
        switch lead {
        case "inet":
            return inet(words, into: &interface)
        case "inet6":
            return inet6(words, into: &interface)
        case "ether":
            guard words.count >= 2 else { return false }
            interface.mac = words[1]
            return true
        default:
            if ignoredLeads.contains(lead) || ignoredPrefixes.contains(where: lead.hasPrefix) { return true }
            // Old format flags line: `UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1`.
            if let mtu = words.first(where: { $0.hasPrefix("MTU:") }) {
                interface.mtu = Int(mtu.dropFirst(4))
                flags(words.filter { $0.allSatisfy(\.isUppercase) }, into: &interface)
                return true
            }
            return false
        }
    }

    /// `UP` and `RUNNING` (the carrier): an interface up without a carrier is down.
    private static func flags(_ flags: [String], into interface: inout OSInterface) {
        let configuredUp = flags.contains("UP")
        if configuredUp { interface.carrier = flags.contains("RUNNING") }
        interface.up = configuredUp && flags.contains("RUNNING")
    }

    private static func inet(_ words: [String], into interface: inout OSInterface) -> Bool {
        guard words.count >= 2 else { return false }
        var address: String?, mask: String?
        if words[1].hasPrefix("addr:") {
            address = String(words[1].dropFirst(5))
            for word in words.dropFirst(2) {
                if word.hasPrefix("Mask:") { mask = String(word.dropFirst(5)) }
                if word.hasPrefix("Bcast:") { interface.broadcast = String(word.dropFirst(6)) }
            }
        } else {
            address = words[1]
            var index = 2
            while index + 1 < words.count {
                switch words[index] {
                case "netmask": mask = words[index + 1]
                case "broadcast": interface.broadcast = words[index + 1]
                default: index -= 1
                }
                index += 2
            }
        }
        guard let address, !address.isEmpty else { return false }
        // A non-contiguous mask has no prefix: the bare address is kept, the mask stays visible.
        // `P-t-P:`/`destination` name the peer; the mask on the line is this address's own.
        let prefixed = mask.flatMap { try? Netmask.prefixLength(dotted: $0) }.map { "\(address)/\($0)" }
        interface.append(address: prefixed ?? address, netmask: mask)
        return true
    }

    private static func inet6(_ words: [String], into interface: inout OSInterface) -> Bool {
        guard words.count >= 2 else { return false }
        // Old net-tools: `inet6 addr: fe80::1/64 Scope:Link` (some builds print `addr:fe80::...`).
        if words[1] == "addr:", words.count >= 3 {
            interface.append(address: words[2], netmask: nil)
            return true
        }
        if words[1].hasPrefix("addr:"), words[1].count > 5 {
            interface.append(address: String(words[1].dropFirst(5)), netmask: nil)
            return true
        }
        if let index = words.firstIndex(of: "prefixlen"), index + 1 < words.count {
            interface.append(address: "\(words[1])/\(words[index + 1])", netmask: nil)
        } else {
            interface.append(address: words[1], netmask: nil)
        }
        return true
    }
}
