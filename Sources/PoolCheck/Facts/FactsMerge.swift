/// Merging facts from several sources into one pool model. Records are matched by uuid
/// and merged field by field. Two sources that disagree on a value are never silently
/// reconciled: a live answer (XAPI) supersedes a file and the conflict records which value
/// was used; two files that disagree (a `before/` and an `after/` folder) leave an
/// unresolved conflict, and the rules of the host it concerns say the evidence disagrees.
extension Facts {
    public mutating func merge(_ other: Facts) {
        merge([other])
    }

    /// Merges several sources' facts, in order, in one pass: each class's uuid index is
    /// built once, not once per source, so merging stays linear in the sources.
    public mutating func merge(_ others: [Facts]) {
        var merger = FactsMerger(facts: self)
        self = Facts()  // the merger holds the only copy, so records change in place
        for other in others { merger.absorb(other) }
        self = merger.facts
    }

    /// What is not a XenAPI record: memberships, what hosts showed of themselves, problems.
    fileprivate mutating func absorbObservations(of other: Facts, hostSlots: inout [String: Int]) {
        for membership in other.memberships { add(membership) }
        for observation in other.hosts { add(observation, slots: &hostSlots) }
        conflicts += other.conflicts
        nfsServers += other.nfsServers
        traffic += other.traffic
        captureProblems += other.captureProblems
        probeFailures += other.probeFailures
        warnings += other.warnings
    }

    private mutating func add(_ membership: PoolMembership) {
        guard let index = memberships.firstIndex(where: { $0.pool == membership.pool }) else {
            memberships.append(membership)
            return
        }
        var known = Set(memberships[index].hosts)
        memberships[index].hosts += membership.hosts.filter { known.insert($0).inserted }
        memberships[index].complete = memberships[index].complete || membership.complete
    }

    private mutating func add(_ observation: HostObservation, slots: inout [String: Int]) {
        guard let index = slots[observation.name] else {
            slots[observation.name] = hosts.count
            hosts.append(observation)
            return
        }
        var known = hosts[index]
        let mine = known.sources, theirs = observation.sources
        func disagree(_ object: String, _ id: String, _ field: String, _ a: String, _ b: String) {
            conflicts.append(FactConflict(object: object, id: id, field: field,
                                          values: [.init(value: a, sources: mine), .init(value: b, sources: theirs)],
                                          host: known.name))
        }
        known.sources += theirs.filter { !mine.contains($0) }
        known.commands += observation.commands.filter { !known.commands.contains($0) }
        known.partialCommands += observation.partialCommands.filter { !known.partialCommands.contains($0) }
        known.localPIFs += observation.localPIFs.filter { !known.localPIFs.contains($0) }
        if let name = observation.hostname {
            if let earlier = known.hostname, earlier != name {
                disagree("host", known.name, "hostname", earlier, name)
            } else {
                known.hostname = name
            }
        }
        if let pool = observation.pool {
            if var earlier = known.pool, earlier.uuid == pool.uuid {
                for difference in earlier.absorb(pool, preferOther: false) {
                    disagree("pool", "\(pool.uuid) as \(known.name) read it", difference.field, difference.mine, difference.theirs)
                }
                known.pool = earlier
            } else if let earlier = known.pool {
                disagree("host", known.name, "pool", earlier.uuid, pool.uuid)
            } else {
                known.pool = pool
            }
        }
        if let interfaces = observation.interfaces {
            var list = known.interfaces ?? []
            for interface in interfaces {
                if let slot = list.firstIndex(where: { $0.name == interface.name }) {
                    let earlier = list[slot]
                    if let combined = OSInterface.combined(earlier, interface) {
                        list[slot] = combined
                    } else {
                        disagree("interface", "\(known.name) \(interface.name)", "addresses",
                                 earlier.addresses.joined(separator: " "), interface.addresses.joined(separator: " "))
                    }
                } else {
                    list.append(interface)
                }
            }
            known.interfaces = list
        }
        if let mounts = observation.mounts {
            known.mounts = (known.mounts ?? []) + mounts.filter { mount in !(known.mounts ?? []).contains(mount) }
        }
        for list in observation.exportLists {
            if let slot = known.exportLists.firstIndex(where: { $0.server == list.server && $0.via == list.via }) {
                let earlier = known.exportLists[slot]
                // A grep'd list that shows only what the whole one shows agrees with it.
                if list.partial == true && list.isShown(by: earlier) { continue }
                if earlier.partial == true && earlier.isShown(by: list) {
                    known.exportLists[slot] = list
                } else if earlier != list {
                    disagree("exports", "\(list.server) as \(known.name) was shown it", "list",
                             earlier.exports.map(\.path).joined(separator: " "), list.exports.map(\.path).joined(separator: " "))
                }
            } else {
                known.exportLists.append(list)
            }
        }
        hosts[index] = known
    }
}

/// Merges sources' facts one after another (records class by class, keeping provenance
/// and recording conflicts), so a gatherer can merge each file as it reads it.
struct FactsMerger {
    private(set) var facts: Facts
    private var other = Facts()
    private var offset = 0
    /// The incoming sources' merged indexes, one array shared by every record they all showed
    /// (not one allocation per record).
    private var everyIncomingSource: [Int] = []
    /// Per class, each record's position in the merged list, kept from source to source.
    private var slots: [String: [String: Int]] = [:]
    private var hostSlots: [String: Int]
    /// Records a live source showed: a file's value never supersedes theirs.
    private var live: Set<String> = []
    /// The first conflict about each (object, id, field), so a third source joins it without a
    /// scan of every conflict; `conflictsIndexed` counts the conflicts indexed so far.
    private var conflictSlots: [ConflictKey: Int] = [:]
    private var conflictsIndexed = 0

    init(facts: Facts = Facts()) {
        self.facts = facts
        hostSlots = Dictionary(facts.hosts.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        let liveSources = Set(facts.sources.indices.filter { facts.sources[$0].isLive })
        if !liveSources.isEmpty {
            live = Set(facts.database.allUUIDs.filter { facts.provenance[$0]?.contains(where: liveSources.contains) == true })
        }
    }

    mutating func absorb(_ incoming: Facts) {
        other = incoming
        offset = facts.sources.count
        everyIncomingSource = Array(offset..<(offset + incoming.sources.count))
        facts.sources += incoming.sources
        merge(\.pools, "pool", host: { _ in nil })
        merge(\.hosts, "host", host: { $0.uuid })
        merge(\.PIFs, "PIF", host: { $0.host })
        merge(\.bonds, "bond", host: { _ in nil })
        merge(\.networks, "network", host: { _ in nil })
        merge(\.VLANs, "VLAN", host: { _ in nil })
        merge(\.tunnels, "tunnel", host: { _ in nil })
        merge(\.SRs, "SR", host: { _ in nil })
        merge(\.PBDs, "PBD", host: { $0.host })
        merge(\.VMs, "VM", host: { $0.resident_on })
        facts.absorbObservations(of: incoming, hostSlots: &hostSlots)
        other = Facts()
    }

    private func names(_ indexes: [Int]) -> [String] {
        indexes.compactMap { $0 < facts.sources.count ? facts.sources[$0].label : nil }
    }

    private mutating func merge<Record: ModelledRecord>(_ path: WritableKeyPath<XapiDatabase, RecordSet<Record>?>, _ object: String,
                                                        host: (Record) -> String?) {
        guard let incoming = other.database[keyPath: path] else { return }
        let incomingIsLive = other.sources.contains(where: \.isLive)
        guard var set = facts.database[keyPath: path] else {
            facts.database[keyPath: path] = incoming
            for record in incoming.records {
                let theirs = sources(of: record.uuid)
                facts.provenance[record.uuid] = theirs
                if incomingIsLive && isLive(theirs) { live.insert(record.uuid) }
            }
            return
        }
        // Taken out while it changes, so neither the list nor the index is copied.
        facts.database[keyPath: path] = nil
        var index = slots.removeValue(forKey: object) ?? set.slots
        for record in incoming.records {
            let theirs = sources(of: record.uuid)
            let theirsLive = incomingIsLive && isLive(theirs)
            guard let slot = index[record.uuid] else {
                index[record.uuid] = set.records.count
                set.records.append(record)
                facts.provenance[record.uuid] = theirs
                if theirsLive { live.insert(record.uuid) }
                continue
            }
            if set.records[slot] == record {
                // The same listing again (every host repeating the pool's `xe` output).
                facts.provenance.add(theirs, to: record.uuid)
                if theirsLive { live.insert(record.uuid) }
                continue
            }
            let mineLive = live.contains(record.uuid)
            let newer = theirsLive && !mineLive
            let older = mineLive && !theirsLive
            let mine = facts.provenance[record.uuid] ?? []
            let differences = set.records[slot].absorb(record, preferOther: newer)
            facts.provenance.add(theirs, to: record.uuid)
            if theirsLive { live.insert(record.uuid) }
            // Each member reads the pool record for itself (kept per host); the shared copy
            // takes the first reading, and rules compare the members' own readings.
            guard object != "pool" else { continue }
            for difference in differences {
                let resolution: String? = newer ? "used \(difference.theirs) from the live source (newer than the files)"
                    : older ? "used \(difference.mine) from the live source (newer than the files)" : nil
                note(FactConflict(object: object, id: record.uuid, field: difference.field,
                                    values: [.init(value: difference.mine, sources: names(mine)),
                                             .init(value: difference.theirs, sources: names(theirs))],
                                    resolution: resolution, host: host(set.records[slot])))
            }
        }
        set.noteCompleteness(of: incoming)
        slots[object] = index
        facts.database[keyPath: path] = set
    }

    private func isLive(_ indexes: [Int]) -> Bool {
        indexes.contains { $0 < facts.sources.count && facts.sources[$0].isLive }
    }

    /// The merged facts' indexes of the sources that showed `uuid` in the incoming facts.
    private func sources(of uuid: String) -> [Int] {
        guard let shown = other.provenance[uuid] else { return everyIncomingSource }
        return offset == 0 ? shown : shown.map { $0 + offset }
    }

    /// A third source disagreeing on the same value joins the existing conflict.
    private mutating func note(_ conflict: FactConflict) {
        // Conflicts also arrive with the observations and from facts files: index those first.
        while conflictsIndexed < facts.conflicts.count {
            let known = facts.conflicts[conflictsIndexed]
            let key = ConflictKey(object: known.object, id: known.id, field: known.field)
            if conflictSlots[key] == nil { conflictSlots[key] = conflictsIndexed }
            conflictsIndexed += 1
        }
        if let index = conflictSlots[ConflictKey(object: conflict.object, id: conflict.id, field: conflict.field)] {
            for reading in conflict.values {
                if let known = facts.conflicts[index].values.firstIndex(where: { $0.value == reading.value }) {
                    facts.conflicts[index].values[known].sources += reading.sources.filter { !facts.conflicts[index].values[known].sources.contains($0) }
                } else {
                    facts.conflicts[index].values.append(reading)
                }
            }
        } else {
            facts.conflicts.append(conflict)
        }
    }
}

/// What makes two conflicts one: the same field of the same object.
private struct ConflictKey: Hashable {
    var object: String
    var id: String
    var field: String
}
