import ArgumentParser
import PoolCheck

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "The rule catalogue and its self-tests.",
        subcommands: [List.self, Show.self, Test.self])

    struct Catalog: ParsableArguments {
        @Option(name: .customLong("rules"), help: ArgumentHelp("Extra rule folder.", valueName: "DIR"))
        var directories: [String] = []

        func load() throws -> RuleCatalog {
            do {
                return try loadCatalog(directories)
            } catch {
                throw fail("\(error)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every rule.")
        @OptionGroup var catalog: Catalog

        func run() throws {
            let rules = try catalog.load().rules.sorted { $0.id < $1.id }
            let width = rules.map(\.id.count).max() ?? 0
            var listing = ""
            for rule in rules {
                let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
                let severity = rule.severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
                let phases = rule.phases.map(\.rawValue).joined(separator: ",").padding(toLength: 16, withPad: " ", startingAt: 0)
                listing += "\(id)  \(severity)  \(phases)  \(rule.title)\n"
            }
            try emit(listing)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one rule in full.")
        @OptionGroup var catalog: Catalog
        @Argument(help: "Rule id.") var id: String

        func run() throws {
            guard let rule = try catalog.load().rule(id: id) else { throw fail("no rule '\(id)' (see `poolcheck rules list`)") }
            var text = """
            \(rule.id): \(rule.title)
              category:    \(rule.category)
              severity:    \(rule.severity.rawValue)
              phases:      \(rule.phases.map(\.rawValue).joined(separator: ", "))
              scope:       \(rule.scope.rawValue)
              check kind:  \(rule.checkKind)
              source:      \(rule.file)
            why:
              \(rule.rationale.trimmingCharacters(in: .whitespacesAndNewlines))
            fix:
              \(rule.remediation)

            """
            if !rule.references.isEmpty {
                text += "references:\n" + rule.references.map { "  - \($0)\n" }.joined()
            }
            if !rule.examples.isEmpty {
                text += "examples:\n" + rule.examples.map { example in
                    "  - \(example.name): " + example.expect.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.rawValue)" }.joined(separator: ", ") + "\n"
                }.joined()
            }
            try emit(text)
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run every rule's examples as self-tests.")
        @OptionGroup var catalog: Catalog

        func run() throws {
            var passed = 0, failed = 0
            var log = ""
            for rule in try catalog.load().rules {
                for outcome in RuleSelfTest.run(rule) {
                    if outcome.passed {
                        passed += 1
                        log += "ok    \(outcome.rule): \(outcome.example)\n"
                    } else {
                        failed += 1
                        log += "FAIL  \(outcome.rule): \(outcome.example)\n" + outcome.problems.map { "        \($0)\n" }.joined()
                    }
                }
            }
            try emit(log + "\(passed) passed, \(failed) failed\n")
            if failed > 0 { throw Exit(code: 1) }
        }
    }
}
