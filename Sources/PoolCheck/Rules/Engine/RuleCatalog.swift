import BundledRules
import Foundation

/// The rules in force: the bundled ones, then any from --rules directories (same id replaces).
public struct RuleCatalog: Sendable {
    public private(set) var rules: [RuleDefinition]

    public init(rules: [RuleDefinition]) {
        self.rules = rules
    }

    public static func bundled(loader: RuleLoader = RuleLoader()) throws -> RuleCatalog {
        let sources = BundledRuleFiles.all.map { (name: "bundled:\($0.name)", text: $0.text) }
        return RuleCatalog(rules: try load(sources, loader: loader))
    }

    /// Adds or overrides rules from every *.yaml / *.yml file in `directory`.
    public mutating func add(directory: String, loader: RuleLoader = RuleLoader()) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw InputError(file: directory, line: nil, "cannot read rules directory: \(error.localizedDescription)")
        }
        var sources: [(name: String, text: String)] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            sources.append((path, try TextFile.read(path, what: "rule")))
        }
        if sources.isEmpty { throw InputError(file: directory, line: nil, "no rule files (*.yaml) in this directory") }
        for rule in try Self.load(sources, loader: loader) {
            if let index = rules.firstIndex(where: { $0.id == rule.id }) {
                rules[index] = rule
            } else {
                rules.append(rule)
            }
        }
    }

    private static func load(_ sources: [(name: String, text: String)], loader: RuleLoader) throws -> [RuleDefinition] {
        var byID: [String: RuleDefinition] = [:]
        var ordered: [RuleDefinition] = []
        for source in sources {
            let rule = try loader.parse(source.text, file: source.name)
            if let earlier = byID[rule.id] {
                throw InputError(file: source.name, line: nil, "duplicate rule id '\(rule.id)' (also in \(earlier.file))")
            }
            byID[rule.id] = rule
            ordered.append(rule)
        }
        return ordered
    }

    public func rule(id: String) -> RuleDefinition? { rules.first { $0.id == id } }
}
