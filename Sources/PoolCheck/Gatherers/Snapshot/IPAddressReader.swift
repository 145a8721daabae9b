import Addressing

/// Reads `ip addr` (`2: eth0: <BROADCAST,UP,...> mtu 1500 ...` / `inet 1.2.3.4/24 brd ...`),
/// `ip -o addr` (one line per address) and `ip -br addr` (`eth0  UP  1.2.3.4/24`).
/// `ip addr show DEV | grep inet` shows address lines only: they are DEV's.
enum IPAddressReader {
    private static let ignoredLeads: Set<String> = ["valid_lft", "altname", "link/none", "link/void", "link/ipip", "link/sit"]
    private static let briefStates: Set<String> = ["UP", "DOWN", "UNKNOWN", "LOWERLAYERDOWN", "DORMANT", "NOTPRESENT", "TESTING"]

    static func read(_ text: TranscriptText, lines: [Int], device: String? = nil) -> (interfaces: [OSInterface], unplaced: [LineIssue]) {
        var interfaces: [OSInterface] = []
        var index: [String: Int] = [:]
        var unplaced: [LineIssue] = []
        func interface(_ name: String) -> Int {
            if let found = index[name] { return found }
            interfaces.append(OSInterface(name: name))
            index[name] = interfaces.count - 1
            return interfaces.count - 1
        }
        // Address lines before any header belong to the interface the command named.
        var current: Int? = device.map(interface)
        for line in lines {
            let range = text.trimmed(text.lines[line])
            if range.isEmpty { continue }
            let words = text.words(range).map { text.string($0) }
            if words.count >= 3, isIndex(words[0]) {
                let name = interfaceName(words[1])
                let slot = interface(name)
                if words[2] == "inet" || words[2] == "inet6" {
                    // `ip -o addr`: `2: eth0    inet 10.0.0.2/24 brd 10.0.0.255 scope global eth0\ ...`
                    guard address(Array(words[2...]), into: &interfaces[slot]) else { unplaced.append(LineIssue(line)); continue }
                    current = nil
                } else {
                    header(words, into: &interfaces[slot])
                    current = slot
                }
                continue
            }
            if words.count >= 2, briefStates.contains(words[1]) {
                let slot = interface(interfaceName(words[0]))
                interfaces[slot].up = words[1] == "UP" || words[1] == "UNKNOWN"
                for word in words.dropFirst(2) where word.contains("/") {
                    interfaces[slot].append(address: word, netmask: ipv4Netmask(word))
                }
                current = nil
                continue
            }
            guard let slot = current else { unplaced.append(LineIssue(line)); continue }
            let lead = words[0]
            if lead == "inet" || lead == "inet6" {
                guard address(words, into: &interfaces[slot]) else { unplaced.append(LineIssue(line)); continue }
            } else if lead.hasPrefix("link/") {
                if lead != "link/loopback" && lead != "link/none", words.count >= 2 { interfaces[slot].mac = words[1] }
            } else if !ignoredLeads.contains(lead) {
                unplaced.append(LineIssue(line))
            }
        }
        // The named interface stays only if something was read for it (`Device "eth9" does not exist.`).
        if let device, let slot = index[device], interfaces[slot] == OSInterface(name: device) { interfaces.remove(at: slot) }
        return (interfaces, unplaced)
    }

    private static func isIndex(_ word: String) -> Bool {
        word.count >= 2 && word.hasSuffix(":") && word.dropLast().allSatisfy { $0 >= "0" && $0 <= "9" }
    }

    /// `eth0:` or `eth0@if5:` -> `eth0`.
    private static func interfaceName(_ word: String) -> String {
        var name = word.hasSuffix(":") ? String(word.dropLast()) : word
        if let at = name.firstIndex(of: "@") { name = String(name[..<at]) }
        return name
    }

    /// `N: name: <FLAGS> mtu 1500 qdisc ... state UP ...`. `<NO-CARRIER,...,UP> ... state DOWN`
    /// is an interface configured up whose link is down: stored down, without a carrier.
    private static func header(_ words: [String], into interface: inout OSInterface) {
        if let flags = words.first(where: { $0.hasPrefix("<") && $0.hasSuffix(">") }) {
            let set = flags.dropFirst().dropLast().split(separator: ",")
            if set.contains("NO-CARRIER") { interface.carrier = false } else if set.contains("LOWER_UP") { interface.carrier = true }
            interface.up = set.contains("UP") && interface.carrier != false
        }
        if let index = words.firstIndex(of: "state"), index + 1 < words.count,
           words[index + 1] == "DOWN" || words[index + 1] == "LOWERLAYERDOWN" {
            interface.up = false
        }
        if let index = words.firstIndex(of: "mtu"), index + 1 < words.count { interface.mtu = Int(words[index + 1]) }
    }

    /// The dotted mask of an IPv4 `a.b.c.d/nn`; ip prints a prefix, not a mask.
    private static func ipv4Netmask(_ address: String) -> String? {
        guard !address.contains(":"), let slash = address.firstIndex(of: "/"),
              let prefix = Int(address[address.index(after: slash)...]) else { return nil }
        return try? Netmask.dotted(prefixLength: prefix)
    }

    /// The interface `ip addr show [dev] NAME` names, if any.
    static func device(in words: [String]) -> String? {
        var index = 1
        while index < words.count, words[index].hasPrefix("-") {
            index += (words[index] == "-f" || words[index] == "-family") ? 2 : 1
        }
        guard index < words.count else { return nil }
        var operands = Array(words[(index + 1)...])  // after the object (`addr`, `a`, ...)
        if let action = operands.first, ["show", "list", "lst", "sh", "s", "l", "ls"].contains(action) { operands.removeFirst() }
        if let dev = operands.firstIndex(of: "dev") { return dev + 1 < operands.count ? operands[dev + 1] : nil }
        let valued: Set<String> = ["scope", "to", "label", "master", "type", "vrf"]
        let flags: Set<String> = ["up", "primary", "secondary", "permanent", "dynamic", "tentative", "deprecated", "dadfailed", "temporary", "nomaster"]
        var position = 0
        while position < operands.count {
            let word = operands[position]
            if valued.contains(word) { position += 2; continue }
            if flags.contains(word) || word.hasPrefix("-") { position += 1; continue }
            return word
        }
        return nil
    }

    /// Which address families the command shows: `-4`, `-6`, `-f inet6` narrow it.
    static func families(in words: [String]) -> (ipv4: Bool, ipv6: Bool) {
        let named = ["inet": "-4", "inet6": "-6", "link": "-0"]
        for (index, word) in words.enumerated() {
            let option = word == "-f" || word == "-family" ? (index + 1 < words.count ? named[words[index + 1]] : nil) : word
            switch option {
            case "-4": return (true, false)
            case "-6": return (false, true)
            case "-0": return (false, false)
            default: continue
            }
        }
        return (true, true)
    }

    /// `inet 172.16.0.35/28 brd 172.16.0.47 scope global xenbr2`
    private static func address(_ words: [String], into interface: inout OSInterface) -> Bool {
        guard words.count >= 2, words[1].contains("/") || words[0] == "inet6" || words[1].contains(".") else { return false }
        // `inet A peer B/32`: the prefix is the peer's; A is kept bare, with no mask of its own.
        let address = words[1]
        interface.append(address: address, netmask: words[0] == "inet" ? ipv4Netmask(address) : nil)
        if let index = words.firstIndex(of: "brd"), index + 1 < words.count { interface.broadcast = words[index + 1] }
        return true
    }
}
