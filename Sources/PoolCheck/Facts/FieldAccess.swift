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

extension ModelledRecord {
    /// The field named `name` (its XenAPI name) as text; nil when unset or not modelled.
    func text(ofField name: String) -> String? {
        if name == "uuid" { return uuid }
        return Self.fields.first { $0.name == name }.flatMap { text(of: $0) }
    }
}
