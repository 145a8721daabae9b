import ArgumentParser
import PoolCheck

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "The rule catalogue, its self-tests and the fields rules can name.",
        discussion: """
        A fact-assertion rule names a subject and one of its fields, e.g.
          check: {kind: fact-assertion, subject: host, field: software_version.product_brand, equals: XCP-ng}

        `poolcheck rules fields [SUBJECT]` lists every subject and its fields; a map field takes a key after a dot.

        In a rule's remediation, <host>, <host-uuid>, <address> and <pool> are filled from the result's target.
        """,
        subcommands: [List.self, Show.self, Test.self, Fields.self])

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

    struct Fields: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the subjects and fields a fact-assertion rule can name.",
            discussion: "Columns: subject, field, kind (text, number, bool, map, list), description. A map field takes a key: FIELD.KEY.")
        @Argument(help: ArgumentHelp("Only this subject.", valueName: "SUBJECT")) var subject: String?

        func run() throws {
            let subjects: [FactAssertionSubject]
            if let subject {
                guard let one = FactAssertionSubject(rawValue: subject) else {
                    throw fail("no subject '\(subject)'; subjects: \(FactAssertionSubject.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                subjects = [one]
            } else {
                subjects = FactAssertionSubject.allCases
            }
            let rows = subjects.flatMap { subject in subject.fields.map { (subject.rawValue, $0) } }
            let subjectWidth = rows.map(\.0.count).max() ?? 0, fieldWidth = rows.map(\.1.name.count).max() ?? 0
            for (subject, field) in rows {
                print([subject.padding(toLength: subjectWidth, withPad: " ", startingAt: 0),
                       field.name.padding(toLength: fieldWidth, withPad: " ", startingAt: 0),
                       field.kind.padding(toLength: 6, withPad: " ", startingAt: 0),
                       field.description].joined(separator: "  "))
            }
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
