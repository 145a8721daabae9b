/// One value on the XenAPI wire, as both XML-RPC and JSON-RPC carry it.
///
/// XAPI's own typing rides on top of these: an `int` arrives as a decimal string over
/// XML-RPC and as a number over JSON-RPC, an enum as a string, a set as an array and a
/// map as a struct. The accessors below accept both spellings, so record decoding does
/// not care which protocol brought the value.
public enum XapiValue: Sendable, Equatable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    /// XML-RPC `dateTime.iso8601`, kept as the text sent (XAPI: `20240101T00:00:00Z`).
    case dateTime(String)
    case array([XapiValue])
    case map([String: XapiValue])
    /// XML-RPC `<nil/>` or JSON `null`.
    case null

    /// A string, or the text of a number/date (XAPI refs, uuids, enums, stringified ints).
    public var stringValue: String? {
        switch self {
        case .string(let text), .dateTime(let text): return text
        case .int(let number): return String(number)
        default: return nil
        }
    }

    /// An int sent as a number or, XAPI's XML-RPC habit, as a string of decimal digits.
    public var intValue: Int64? {
        switch self {
        case .int(let number): return number
        case .string(let text): return Int64(text.trimmingSpaces)
        case .double(let number) where number.rounded() == number && abs(number) < 9.0e18: return Int64(number)
        default: return nil
        }
    }

    /// A boolean; XAPI never sends "true" as a string, but older servers and the xe CLI do.
    public var boolValue: Bool? {
        switch self {
        case .bool(let flag): return flag
        case .string(let text):
            switch text.trimmingSpaces.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: return nil
            }
        case .int(let number) where number == 0 || number == 1: return number == 1
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .double(let number): return number
        case .int(let number): return Double(number)
        case .string(let text): return Double(text.trimmingSpaces)
        default: return nil
        }
    }

    public var arrayValue: [XapiValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    public var mapValue: [String: XapiValue]? {
        if case .map(let members) = self { return members }
        return nil
    }

    /// A `(string -> string) map` such as `other_config` or `device_config`.
    public var stringMapValue: [String: String]? {
        guard let members = mapValue else { return nil }
        var result: [String: String] = [:]
        for (key, value) in members {
            guard let text = value.stringValue else { return nil }
            result[key] = text
        }
        return result
    }

    /// A `string set` or `ref set`.
    public var stringArrayValue: [String]? {
        guard let items = arrayValue else { return nil }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let text = item.stringValue else { return nil }
            result.append(text)
        }
        return result
    }

    public subscript(key: String) -> XapiValue? { mapValue?[key] }
}

extension XapiValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: XapiValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, XapiValue)...) {
        self = .map(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

extension String {
    var trimmingSpaces: Substring {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return text
    }
}
