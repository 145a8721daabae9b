/// Every host's value of one field, grouped by value once per run, so comparing a host
/// with all the others costs the number of distinct values, not the number of hosts.
struct PeerValues {
    /// Distinct values in the order first seen, with the hosts that have each.
    private var groups: [(value: String, hosts: [String])] = []
    private var unknown: [String] = []

    init(_ values: [(host: String, value: String?)]) {
        var slot: [String: Int] = [:]
        for (host, value) in values {
            guard let value else { unknown.append(host); continue }
            if let index = slot[value] {
                groups[index].hosts.append(host)
            } else {
                slot[value] = groups.count
                groups.append((value, [host]))
            }
        }
    }

    /// A host other than `host` whose value was not collected.
    func firstUnknown(besides host: String) -> String? {
        unknown.first { $0 != host }
    }

    /// Whether every host but `host` (which has `value`) has `value`.
    func othersAllHave(_ value: String, besides host: String) -> Bool {
        groups.allSatisfy { $0.value == value }
    }

    /// The first host (in host order) whose value differs from `value`, with its value.
    func firstDiffering(from value: String) -> (host: String, value: String)? {
        groups.first { $0.value != value }.map { ($0.hosts[0], $0.value) }
    }

    /// One evidence line per distinct value among the other hosts, naming a few of them.
    func summary(besides host: String, label: String, naming limit: Int = 5) -> [String] {
        groups.compactMap { group in
            let others = group.hosts.lazy.filter { $0 != host }
            let count = group.hosts.contains(host) ? group.hosts.count - 1 : group.hosts.count
            guard count > 0 else { return nil }
            let names = Array(others.prefix(limit))
            let more = count > names.count ? " and \(count - names.count) more" : ""
            return count == 1 ? "\(names[0]) \(label) = \(group.value)"
                : "\(label) = \(group.value) on \(count) other hosts: \(names.joined(separator: ", "))\(more)"
        }
    }
}
