import TextFormats
import XenAPI

/// Turns raw `get_all_records` results into the fact types the snapshot gatherer fills.
///
/// XAPI links objects by opaque references (`OpaqueRef:…`), which mean nothing outside
/// one session; xe and the facts link them by uuid. Every reference is resolved here
/// (PIF.host -> host uuid, PBD.SR -> SR uuid, Bond.master -> PIF uuid, ...), and the
/// names xe would print beside them (`host-name-label`, `network-name-label`) are filled
/// from the referenced record, so a rule cannot tell which source the facts came from.
public enum XapiRecordMapper {
    public static func database(from records: XapiRecords) -> XapiDatabase {
        let table = ReferenceTable(records)
        var database = XapiDatabase()
        database.pools = recordSet(records["pool"], table)
        database.hosts = recordSet(records["host"], table)
        database.PIFs = recordSet(records["PIF"], table)
        database.bonds = recordSet(records["Bond"], table)
        database.networks = recordSet(records["network"], table)
        database.VLANs = recordSet(records["VLAN"], table)
        database.tunnels = recordSet(records["tunnel"], table)
        database.SRs = recordSet(records["SR"], table) { sr, fields in sr.host = derivedHost(fields, table) }
        database.PBDs = recordSet(records["PBD"], table)
        database.VMs = recordSet(records["VM"], table)
        database.markComplete(forPools: (database.pools?.records ?? []).map(\.uuid))
        return database
    }

    /// A class that was read becomes a complete set (get_all_records is unfiltered),
    /// sorted by uuid so the facts are the same on every run.
    private static func recordSet<Record: ModelledRecord>(
        _ raw: [String: [String: XapiValue]]?, _ table: ReferenceTable,
        finish: (inout Record, [String: XapiValue]) -> Void = { _, _ in }
    ) -> RecordSet<Record>? {
        guard let raw else { return nil }
        let records = raw.values.compactMap { fields -> Record? in
            guard var record = Record(xapi: fields, references: table) else { return nil }
            finish(&record, fields)
            return record
        }
        return RecordSet(records: records.sorted { $0.uuid < $1.uuid }, complete: true)
    }

    /// xe's derived SR `host` column: the name of the one host it is plugged into, or
    /// `<shared>`.
    private static func derivedHost(_ fields: [String: XapiValue], _ table: ReferenceTable) -> String? {
        guard let pbds = fields["PBDs"]?.arrayValue else { return nil }
        if pbds.count > 1 { return "<shared>" }
        return pbds.first.flatMap { table.field("host", of: $0) }.flatMap { table.field("name_label", of: .string($0)) }
    }
}

extension ModelledRecord {
    /// The record from one `get_all_records` entry; nil without a uuid. Over XAPI every
    /// field is sent, so `shown` stays nil ("every field"): an absent default_SR really
    /// is unset.
    init?(xapi fields: [String: XapiValue], references table: ReferenceTable) {
        guard let uuid = fields["uuid"]?.stringValue else { return nil }
        self.init(uuid: uuid)
        for field in Self.fields {
            let value = fields[field.name]
            switch field.kind {
            case .text(let path): self[keyPath: path] = value?.stringValue
            case .flag(let path): self[keyPath: path] = value?.boolValue
            case .number(let path): self[keyPath: path] = value?.intValue.map(Int.init)
            case .texts(let path): self[keyPath: path] = value?.stringArrayValue
            case .map(let path), .secretMap(let path): self[keyPath: path] = value?.stringMapValue.map(SecretRedactor.redact(map:))
            case .reference(let path): self[keyPath: path] = table.uuid(value)
            case .references(let path): self[keyPath: path] = table.uuids(value)
            case .nameLabel(let reference, let path): self[keyPath: path] = table.field("name_label", of: fields[reference])
            }
        }
    }
}

/// Opaque reference -> record, across every class read in one session.
struct ReferenceTable {
    private var records: [String: [String: XapiValue]] = [:]

    init(_ all: XapiRecords) {
        for (_, byReference) in all.classes {
            records.merge(byReference) { first, _ in first }
        }
    }

    /// The uuid behind a reference; nil for `OpaqueRef:NULL`, empty or unknown references.
    func uuid(_ reference: XapiValue?) -> String? { field("uuid", of: reference) }

    func field(_ name: String, of reference: XapiValue?) -> String? {
        guard let reference = reference?.stringValue, !reference.isEmpty, reference != "OpaqueRef:NULL" else { return nil }
        return records[reference]?[name]?.stringValue
    }

    /// A set of references as uuids (unknown ones dropped: they point outside what was read).
    func uuids(_ references: XapiValue?) -> [String]? {
        guard let items = references?.arrayValue else { return nil }
        return items.compactMap { uuid($0) }
    }
}
