/// A XenAPI class poolcheck models, with one table of the fields it keeps: the XenAPI
/// name, the name(s) xe prints it under, and its kind. Both gatherers fill records from
/// that table (transcripts through `apply(xe:_:)`, XAPI through `init(xapi:references:)`),
/// so a field added once is read from either source the same way.
protocol ModelledRecord: XapiRecord {
    init(uuid: String)
    var shown: [String]? { get set }
    static var fields: [ModelledField<Self>] { get }
    /// Each xe name of `fields`, to the field's position there (`ModelledField.xeIndex`).
    static var xeFieldIndex: [String: Int] { get }
}

/// One modelled field.
struct ModelledField<Record>: Sendable {
    /// The XenAPI name (also what `shown` lists).
    let name: String
    /// What xe prints it as (records.ml); more than one for deprecated spellings.
    let xeNames: [String]
    let kind: FieldKind<Record>

    init(_ name: String, xe xeName: String, _ kind: FieldKind<Record>) {
        self.init(name, xe: [xeName], kind)
    }

    init(_ name: String, xe xeNames: [String], _ kind: FieldKind<Record>) {
        self.name = name
        self.xeNames = xeNames
        self.kind = kind
    }
}

extension ModelledField {
    /// Each xe name to its field's position in `fields` (the first field naming it), so a
    /// transcript's field finds its field with one lookup, not a scan of the table.
    static func xeIndex(_ fields: [ModelledField]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (position, field) in fields.enumerated() {
            for name in field.xeNames where index[name] == nil { index[name] = position }
        }
        return index
    }
}

/// What a field holds, and so how each source's text or value becomes it.
enum FieldKind<Record>: Sendable {
    case text(WritableKeyPath<Record, String?> & Sendable)
    case flag(WritableKeyPath<Record, Bool?> & Sendable)
    case number(WritableKeyPath<Record, Int?> & Sendable)
    case texts(WritableKeyPath<Record, [String]?> & Sendable)
    /// Values under secret-named keys (`SecretRedactor`) are stored redacted, in every map.
    case map(WritableKeyPath<Record, [String: String]?> & Sendable)
    /// A map known to carry passwords (iSCSI CHAP, CIFS), redacted like every map.
    case secretMap(WritableKeyPath<Record, [String: String]?> & Sendable)
    /// Another object, by uuid (XAPI sends an opaque reference).
    case reference(WritableKeyPath<Record, String?> & Sendable)
    case references(WritableKeyPath<Record, [String]?> & Sendable)
    /// The name_label of the object the XenAPI field `of` references: xe prints it as a
    /// column of its own (`network-name-label`); over XAPI it is looked up.
    case nameLabel(of: String, WritableKeyPath<Record, String?> & Sendable)
}
