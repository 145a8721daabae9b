import Foundation

/// Facts JSON as `poolcheck facts` writes it and `--facts FILE` reads it back,
/// so evidence gathered once can be judged again.
public enum FactsFile {
    public static func encode(_ facts: Facts) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(facts), as: UTF8.self) + "\n"
    }

    public static func read(path: String) throws -> Facts {
        let data = Data(try TextFile.read(path, what: "facts").utf8)
        let facts: Facts
        do {
            facts = try JSONDecoder().decode(Facts.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw InputError(file: path, line: nil, "not a poolcheck facts file: missing '\(key.stringValue)' at \(where_(context))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw InputError(file: path, line: nil, "not a poolcheck facts file: wrong value at \(where_(context))")
        } catch {
            throw InputError(file: path, line: nil, "not a poolcheck facts file (write one with `poolcheck facts -o FILE`)")
        }
        guard facts.schema == Facts.currentSchema else {
            throw InputError(file: path, line: nil, "facts schema '\(facts.schema)' is not \(Facts.currentSchema)")
        }
        return facts
    }

    private static func where_(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "the top level" : path
    }
}
