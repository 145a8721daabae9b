import Yams

/// A user-input error located in a file: always one line, "FILE:LINE: what is wrong".
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let line: Int?
    public let message: String

    public init(file: String, line: Int?, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// A YAML node that remembers where it came from, for strict readers that reject
/// unknown keys and wrong types with file:line instead of ignoring them.
public struct YAMLValue {
    public let node: Node
    public let file: String
    /// Dotted path of this value inside the document, for messages ("hosts[1].storage_ip").
    public let path: String

    public static func parse(_ text: String, file: String) throws -> YAMLValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InputError(file: file, line: error.line, "not valid YAML: \(error.summary)")
        } catch {
            throw InputError(file: file, line: nil, "not valid YAML: \(error)")
        }
        guard let node else { throw InputError(file: file, line: nil, "empty document") }
        return YAMLValue(node: node, file: file, path: "")
    }

    public var line: Int? { node.mark?.line }

    public func error(_ message: String) -> InputError {
        InputError(file: file, line: line, path.isEmpty ? message : "\(path): \(message)")
    }

    private func child(_ node: Node, _ name: String) -> YAMLValue {
        YAMLValue(node: node, file: file, path: path.isEmpty ? name : "\(path).\(name)")
    }

    /// The mapping's entries, after checking every key is one of `allowed`.
    public func mapping(allowed: [String]) throws -> [String: YAMLValue] {
        guard case let .mapping(mapping) = node else { throw error("expected a mapping") }
        var entries: [String: YAMLValue] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error("keys must be strings") }
            guard allowed.contains(name) else {
                let hint = allowed.sorted().joined(separator: ", ")
                throw InputError(file: file, line: key.mark?.line,
                                 "unknown key '\(name)'\(path.isEmpty ? "" : " in \(path)") (expected one of: \(hint))")
            }
            guard entries[name] == nil else {
                throw InputError(file: file, line: key.mark?.line, "duplicate key '\(name)'")
            }
            entries[name] = child(value, name)
        }
        return entries
    }

    public func sequence() throws -> [YAMLValue] {
        guard case let .sequence(sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { index, node in
            YAMLValue(node: node, file: file, path: "\(path)[\(index)]")
        }
    }

    /// A list, or a single scalar read as a one-item list.
    public func stringList() throws -> [String] {
        if case .scalar = node { return [try string()] }
        return try sequence().map { try $0.string() }
    }

    public func string() throws -> String {
        guard case let .scalar(scalar) = node else { throw error("expected a text value") }
        return scalar.string
    }

    public func int() throws -> Int {
        guard let value = node.int else { throw error("expected a whole number, got '\(node.string ?? "?")'") }
        return value
    }

    public func bool() throws -> Bool {
        guard let value = node.bool else { throw error("expected true or false, got '\(node.string ?? "?")'") }
        return value
    }

    public var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    /// The value as plain Swift data (String, Int, Double, Bool, arrays, dictionaries).
    public var plain: any Sendable {
        switch node {
        case let .scalar(scalar):
            if let int = node.int, scalar.style == .plain { return int }
            if let bool = node.bool, scalar.style == .plain { return bool }
            if let double = node.float, scalar.style == .plain, scalar.string.contains(".") { return double }
            return scalar.string
        case let .sequence(sequence):
            return sequence.map { YAMLValue(node: $0, file: file, path: path).plain }
        case let .mapping(mapping):
            var dictionary: [String: any Sendable] = [:]
            for (key, value) in mapping {
                dictionary[key.string ?? ""] = YAMLValue(node: value, file: file, path: path).plain
            }
            return dictionary
        case .alias:
            return node.string ?? ""
        }
    }
}

extension YamlError {
    var line: Int? {
        switch self {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return nil
        }
    }

    var summary: String {
        switch self {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            return problem
        default:
            return String(describing: self).split(separator: "\n").first.map(String.init) ?? "unreadable"
        }
    }
}

extension YAMLValue {
    /// The keys of a mapping (empty for anything else), for mappings whose keys are free.
    public var keys: [String] {
        guard case let .mapping(mapping) = node else { return [] }
        return mapping.keys.compactMap(\.string)
    }

    /// One entry of a mapping, without judging the other keys.
    public func entry(_ key: String) throws -> YAMLValue? {
        try mapping(allowed: keys)[key]
    }
}
