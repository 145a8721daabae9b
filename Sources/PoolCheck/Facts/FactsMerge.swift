/// Merging facts from several sources into one pool model. Records are matched by uuid
/// and merged field by field. Two sources that disagree on a value are never silently
/// reconciled: a live answer (XAPI) supersedes a file and the conflict records which value
/// was used; two files that disagree (a `before/` and an `after/` folder) leave an
/// unresolved conflict, and the rules of the host it concerns say the evidence disagrees.
extension Facts {
    public mutating func merge(_ other: Facts) {
        let offset = sources.count
        sources += other.sources
        var merger = RecordMerger(facts: self, other: other, offset: offset)
        merger.merge(\.pools, "pool", host: { _ in nil })
        merger.merge(\.hosts, "host", host: { $0.uuid })
        merger.merge(\.PIFs, "PIF", host: { $0.host })
        merger.merge(\.bonds, "bond", host: { _ in nil })
        merger.merge(\.networks, "network", host: { _ in nil })
        merger.merge(\.VLANs, "VLAN", host: { _ in nil })
        merger.merge(\.tunnels, "tunnel", host: { _ in nil })
        merger.merge(\.SRs, "SR", host: { _ in nil })
        merger.merge(\.PBDs, "PBD", host: { $0.host })
        merger.merge(\.VMs, "VM", host: { $0.resident_on })
        self = merger.facts
        for membership in other.memberships { add(membership) }
        for observation in other.hosts { add(observation) }
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
        memberships[index].hosts += membership.hosts.filter { !memberships[index].hosts.contains($0) }
        memberships[index].complete = memberships[index].complete || membership.complete
    }

    private mutating func add(_ observation: HostObservation) {
        guard let index = hosts.firstIndex(where: { $0.name == observation.name }) else {
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
                if let earlier = list.first(where: { $0.name == interface.name }) {
                    if earlier != interface {
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
            if let earlier = known.exportLists.first(where: { $0.server == list.server && $0.via == list.via }) {
                if earlier != list {
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

/// Merges one class of records at a time, keeping provenance and recording conflicts.
private struct RecordMerger {
    var facts: Facts
    let other: Facts
    let offset: Int

    init(facts: Facts, other: Facts, offset: Int) {
        self.facts = facts
        self.other = other
        self.offset = offset
    }

    private func isLive(_ indexes: [Int]) -> Bool {
        indexes.contains { $0 < facts.sources.count && facts.sources[$0].isLive }
    }

    private func names(_ indexes: [Int]) -> [String] {
        indexes.compactMap { $0 < facts.sources.count ? facts.sources[$0].label : nil }
    }

    mutating func merge<Record: ModelledRecord>(_ path: WritableKeyPath<XapiDatabase, RecordSet<Record>?>, _ object: String,
                                                host: (Record) -> String?) {
        guard let incoming = other.database[keyPath: path] else { return }
        guard var set = facts.database[keyPath: path] else {
            facts.database[keyPath: path] = incoming
            for record in incoming.records { facts.provenance[record.uuid] = sources(of: record.uuid) }
            return
        }
        var index = set.slots
        for record in incoming.records {
            let theirs = sources(of: record.uuid)
            guard let slot = index[record.uuid] else {
                index[record.uuid] = set.records.count
                set.records.append(record)
                facts.provenance[record.uuid] = theirs
                continue
            }
            let mine = facts.provenance[record.uuid] ?? []
            let newer = isLive(theirs) && !isLive(mine)
            let older = isLive(mine) && !isLive(theirs)
            let differences = set.records[slot].absorb(record, preferOther: newer)
            facts.provenance[record.uuid] = mine + theirs.filter { !mine.contains($0) }
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
        facts.database[keyPath: path] = set
    }

    /// The merged facts' indexes of the sources that showed `uuid` in the incoming facts.
    private func sources(of uuid: String) -> [Int] {
        (other.provenance[uuid] ?? Array(other.sources.indices)).map { $0 + offset }
    }

    /// A third source disagreeing on the same value joins the existing conflict.
    private mutating func note(_ conflict: FactConflict) {
        if let index = facts.conflicts.firstIndex(where: { $0.object == conflict.object && $0.id == conflict.id && $0.field == conflict.field }) {
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
