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
        groups.compactMap { group in
            let others = group.hosts.filter { $0 != host }
            guard !others.isEmpty else { return nil }
            return others.count == 1 ? "\(others[0]) \(label) = \(group.value)"
                : "\(label) = \(group.value) on \(others.count) other hosts: \(abbreviatedList(others, naming: limit))"
        }
    }
}

/// "a, b, c and 12 more": names in evidence that appears on every host's result stay few,
/// so a report does not grow with the square of the pool.
func abbreviatedList(_ names: [String], naming limit: Int) -> String {
    let shown = names.prefix(limit).joined(separator: ", ")
    return names.count > limit ? "\(shown) and \(names.count - limit) more" : shown
}
