import Foundation

/// Runs each rule's examples (SwiftLint-style: documentation that is also a test).
public enum RuleSelfTest {
    public struct Outcome: Sendable {
        public var rule: String
        public var example: String
        /// Mismatches as "xs-2: expected fail, got pass"; empty when the example holds.
        public var problems: [String]
        public var passed: Bool { problems.isEmpty }
    }

    public static func run(_ rule: RuleDefinition) -> [Outcome] {
        rule.examples.map { example in
            let site = "\(rule.file) example '\(example.name)'"
            do {
                let plan = try example.plan.map { try PlanLoader.parse($0, file: site) }
                let facts = try SnapshotGatherer.parse(text: example.transcript, path: site)
                let phase = example.phase ?? rule.phases[0]
                let report = RuleEngine(catalog: RuleCatalog(rules: [rule])).run(facts: facts, plan: plan, phase: phase)
                var problems: [String] = []
                for (target, expected) in example.expect.sorted(by: { $0.key < $1.key }) {
                    let got = report.results.filter { $0.target.name == target }
                    if got.isEmpty {
                        problems.append("\(target): expected \(expected.rawValue), got no result")
                    } else if let wrong = got.first(where: { $0.status != expected }) {
                        problems.append("\(target): expected \(expected.rawValue), got \(wrong.status.rawValue) (\(wrong.message))")
                    }
                }
                return Outcome(rule: rule.id, example: example.name, problems: problems)
            } catch {
                return Outcome(rule: rule.id, example: example.name, problems: ["\(error)"])
            }
        }
    }
}
