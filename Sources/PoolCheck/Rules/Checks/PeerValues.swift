/// Every host's value of one field, grouped by value once per run, so comparing a host
/// with all the others costs the number of distinct values, not the number of hosts.
struct PeerValues {
    /// Distinct values in the order first seen, with the hosts that have each.
    private var groups: [(value: String, hosts: [String])] = []
    private var unknown: [String] = []
    /// The groups each host name is in (once per time it is listed there), so leaving a host
    /// out of a group's count does not scan the group.
    private var groupsOfHost: [String: [Int]] = [:]

    init(_ values: [(host: String, value: String?)]) {
        var slot: [String: Int] = [:]
        for (host, value) in values {
            guard let value else { unknown.append(host); continue }
            let index: Int
            if let known = slot[value] {
                index = known
                groups[index].hosts.append(host)
            } else {
                index = groups.count
                slot[value] = index
                groups.append((value, [host]))
            }
            groupsOfHost[host, default: []].append(index)
        }
    }

    /// A host other than `host` whose value was not collected.
    func firstUnknown(besides host: String) -> String? {
        unknown.first { $0 != host }
    }

    /// Whether every host whose value is known has `value`.
    func allHave(_ value: String) -> Bool {
        groups.allSatisfy { $0.value == value }
    }

    /// The first host (in host order) whose value differs from `value`, with its value.
    func firstDiffering(from value: String) -> (host: String, value: String)? {
        groups.first { $0.value != value }.map { ($0.hosts[0], $0.value) }
    }

    /// One evidence line per distinct value among the other hosts, naming a few of them.
    func summary(besides host: String, label: String, naming limit: Int = 5) -> [String] {
        let own = groupsOfHost[host] ?? []
        return groups.indices.compactMap { index in
            let group = groups[index]
            // Every host's evidence says this: count the others and name `limit` of them,
            // without a pass over the whole group per host.
            let count = group.hosts.count - own.lazy.filter { $0 == index }.count
            guard count > 0 else { return nil }
            var named: [String] = []
            for name in group.hosts where name != host {
                if named.count >= max(limit, 1) { break }
                named.append(name)
            }
            return count == 1 ? "\(named[0]) \(label) = \(group.value)"
                : "\(label) = \(group.value) on \(count) other hosts: \(abbreviatedList(named, total: count))"
        }
    }
}

/// "a, b, c and 12 more": names in evidence that appears on every host's result stay few,
/// so a report does not grow with the square of the pool.
func abbreviatedList(_ names: [String], naming limit: Int) -> String {
    abbreviatedList(Array(names.prefix(limit)), total: names.count)
}

/// The same, given only the names shown and how many there are in all.
func abbreviatedList(_ shown: [String], total: Int) -> String {
    let text = shown.joined(separator: ", ")
    return total > shown.count ? "\(text) and \(total - shown.count) more" : text
}
