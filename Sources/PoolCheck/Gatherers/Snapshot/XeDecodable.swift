/// A XenAPI record the snapshot gatherer fills from xe output, one field at a time, so a
/// record seen twice (same uuid) takes the later value of each field shown again.
protocol XeDecodable: XapiRecord {
    init(uuid: String)
    var shown: [String]? { get set }
    /// Sets the field xe prints as `xeName`. Returns its XenAPI name, or nil when the field
    /// is one poolcheck does not model (it is then ignored, not guessed at).
    mutating func assign(xe xeName: String, _ value: XeValue) throws(XeValueError) -> String?
}

extension XeDecodable {
    /// Applies one field and remembers it was shown.
    mutating func apply(xe xeName: String, _ value: XeValue) throws(XeValueError) {
        guard let name = try assign(xe: xeName, value) else { return }
        if shown == nil { shown = [name] } else if !shown!.contains(name) { shown!.append(name) }
    }
}
