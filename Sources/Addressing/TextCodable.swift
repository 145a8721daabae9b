/// A value that travels as its text form ("172.16.0.32/28", "fe80::1") in JSON and YAML,
/// the way people write it in plans and facts. Decoding errors carry the parser's message.
public protocol TextCodable: Codable, CustomStringConvertible {
    init(parsing text: String) throws
}

extension TextCodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
