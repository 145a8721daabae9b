extension ModelledRecord {
    /// The field's value as text, for comparing two sources' copies and for messages; nil when unset.
    func text(of field: ModelledField<Self>) -> String? {
        switch field.kind {
        case .text(let path), .nameLabel(_, let path), .reference(let path): return self[keyPath: path]
        case .flag(let path): return self[keyPath: path].map(String.init)
        case .number(let path): return self[keyPath: path].map(String.init)
        case .texts(let path), .references(let path): return self[keyPath: path].map { $0.joined(separator: "; ") }
        case .map(let path), .secretMap(let path):
            return self[keyPath: path].map { $0.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ") }
        }
    }

    /// Copies one field from `other` and marks it shown.
    mutating func copy(_ field: ModelledField<Self>, from other: Self) {
        switch field.kind {
        case .text(let path), .nameLabel(_, let path), .reference(let path): self[keyPath: path] = other[keyPath: path]
        case .flag(let path): self[keyPath: path] = other[keyPath: path]
        case .number(let path): self[keyPath: path] = other[keyPath: path]
        case .texts(let path), .references(let path): self[keyPath: path] = other[keyPath: path]
        case .map(let path), .secretMap(let path): self[keyPath: path] = other[keyPath: path]
        }
        if shown != nil && !shown!.contains(field.name) { shown!.append(field.name) }
    }

    /// Merges the fields `other` shows into this copy of the same record. A field shown by
    /// both with different values is returned, and keeps this copy's value unless `prefer`.
    mutating func absorb(_ other: Self, preferOther prefer: Bool) -> [(field: String, mine: String, theirs: String)] {
        var differing: [(field: String, mine: String, theirs: String)] = []
        for field in Self.fields where other.wasShown(field.name) {
            guard wasShown(field.name) else {
                copy(field, from: other)
                continue
            }
            let mine = text(of: field), theirs = other.text(of: field)
            if mine == theirs { continue }
            differing.append((field.name, mine ?? "<not in database>", theirs ?? "<not in database>"))
            if prefer { copy(field, from: other) }
        }
        if other.shown == nil && shown != nil {
            // The other copy showed every field (XAPI): so does the merged one now.
            shown = nil
        }
        return differing
    }
}

/// What a source showed of one field (or one key of a map field), told apart so a rule
/// can say "not collected" only when nothing was looked at.
enum FieldReading: Equatable {
    /// The record, or this field of it, was not shown by any source.
    case notCollected
    /// The field was shown and holds nothing (`<not in database>`, an unset reference).
    case unset
    /// The map field was shown and has no such key.
    case noSuchKey(String)
    case value(String)
}

/// A rule's `field:`: a XenAPI field name, and for a map field an optional key
/// (`software_version.product_brand`; the key is everything after the first dot).
struct FieldPath: Equatable, CustomStringConvertible {
    let field: String
    let key: String?

    init(_ text: String) {
        if let dot = text.firstIndex(of: ".") {
            field = String(text[..<dot])
            key = String(text[text.index(after: dot)...])
        } else {
            field = text
            key = nil
        }
    }

    var description: String { key.map { "\(field).\($0)" } ?? field }
}

extension ModelledRecord {
    /// The field (or map key) at `path`, as `FieldReading`.
    func reading(_ path: FieldPath) -> FieldReading {
        if path.field == "uuid" { return .value(uuid) }
        guard let field = Self.fields.first(where: { $0.name == path.field }), wasShown(field.name) else { return .notCollected }
        if let key = path.key {
            guard case .map(let keyPath) = field.kind else { return .notCollected }
            // A map xe showed empty has no keys; one XAPI did not send was not read.
            guard let map = self[keyPath: keyPath] else { return shown != nil ? .noSuchKey(key) : .notCollected }
            return map[key].map(FieldReading.value) ?? .noSuchKey(key)
        }
        if let text = text(of: field) { return .value(text) }
        // An xe listing that showed the field showed it empty (`<not in database>`). Over
        // XAPI (`shown` nil) a reference comes empty as a NULL ref; any other field without
        // a value was not sent (an older XAPI lacks it), so nothing was looked at.
        if shown != nil { return .unset }
        if case .reference = field.kind { return .unset }
        return .notCollected
    }
}
