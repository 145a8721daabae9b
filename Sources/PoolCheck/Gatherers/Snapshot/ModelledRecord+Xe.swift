import TextFormats

extension ModelledRecord {
    /// Sets the field xe prints as `xeName` and remembers it was shown, so a record seen
    /// twice (same uuid) takes the later value of each field shown again. A field poolcheck
    /// does not model is ignored, not guessed at.
    mutating func apply(xe xeName: String, _ value: XeValue) throws(XeValueError) {
        guard let position = Self.xeFieldIndex[xeName] else { return }
        try apply(field: position, value)
    }

    /// `apply(xe:_:)` for the field at `position` in `fields`.
    mutating func apply(field position: Int, _ value: XeValue) throws(XeValueError) {
        let field = Self.fields[position]
        switch field.kind {
        case .text(let path), .nameLabel(_, let path): self[keyPath: path] = value.string
        case .flag(let path): self[keyPath: path] = try value.bool()
        case .number(let path): self[keyPath: path] = try value.int()
        case .texts(let path): self[keyPath: path] = value.set()
        case .map(let path), .secretMap(let path): self[keyPath: path] = try value.map().map(SecretRedactor.redact(map:))
        case .reference(let path): self[keyPath: path] = try value.reference()
        case .references(let path): self[keyPath: path] = try value.references()
        }
        if shown == nil { shown = [field.name] } else if !shown!.contains(field.name) { shown!.append(field.name) }
    }
}
