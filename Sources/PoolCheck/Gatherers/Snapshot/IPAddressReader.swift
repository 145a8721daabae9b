import Addressing

/// Reads `ip addr` (`2: eth0: <BROADCAST,UP,...> mtu 1500 ...` / `inet 1.2.3.4/24 brd ...`),
/// `ip -o addr` (one line per address) and `ip -br addr` (`eth0  UP  1.2.3.4/24`).
enum IPAddressReader {
    private static let ignoredLeads: Set<String> = ["valid_lft", "altname", "link/none", "link/void", "link/ipip", "link/sit"]
    private static let briefStates: Set<String> = ["UP", "DOWN", "UNKNOWN", "LOWERLAYERDOWN", "DORMANT", "NOTPRESENT", "TESTING"]

    static func read(_ text: TranscriptText, lines: [Int]) -> (interfaces: [OSInterface], unplaced: [LineIssue]) {
        var interfaces: [OSInterface] = []
        var index: [String: Int] = [:]
        var unplaced: [LineIssue] = []
        func interface(_ name: String) -> Int {
            if let found = index[name] { return found }
            interfaces.append(OSInterface(name: name))
            index[name] = interfaces.count - 1
            return interfaces.count - 1
        }
        var current: Int?
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
                for word in words.dropFirst(2) where word.contains("/") { interfaces[slot].addresses.append(word) }
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

    /// `N: name: <FLAGS> mtu 1500 qdisc ... state UP ...`
    private static func header(_ words: [String], into interface: inout OSInterface) {
        if let flags = words.first(where: { $0.hasPrefix("<") && $0.hasSuffix(">") }) {
            interface.up = flags.dropFirst().dropLast().split(separator: ",").contains("UP")
        }
        if let index = words.firstIndex(of: "mtu"), index + 1 < words.count { interface.mtu = Int(words[index + 1]) }
    }

    /// `inet 172.16.0.35/28 brd 172.16.0.47 scope global xenbr2`
    private static func address(_ words: [String], into interface: inout OSInterface) -> Bool {
        guard words.count >= 2, words[1].contains("/") || words[0] == "inet6" || words[1].contains(".") else { return false }
        let address = words[1]
        interface.addresses.append(address)
        if words[0] == "inet", let slash = address.firstIndex(of: "/"),
           let prefix = Int(address[address.index(after: slash)...]), let mask = try? Netmask.dotted(prefixLength: prefix) {
            // ip prints a prefix, not a mask: the equivalent dotted mask is kept beside it.
            interface.netmasks.append(mask)
        }
        if let index = words.firstIndex(of: "brd"), index + 1 < words.count { interface.broadcast = words[index + 1] }
        return true
    }
}
