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
        try decode(Data(try TextFile.read(path, what: "facts").utf8), path: path)
    }

    /// The bytes of a facts file named `path` (for messages); the fuzzer calls it directly.
    public static func decode(_ data: Data, path: String) throws -> Facts {
        if let header = try? JSONDecoder().decode(SchemaHeader.self, from: data), header.schema != Facts.currentSchema {
            let hint = header.schema == "poolcheck.facts/v1"
                ? "written by an older poolcheck; gather again from the same sources with `poolcheck facts -o FILE`"
                : "not a schema this poolcheck reads"
            throw InputError(file: path, line: nil, "facts schema '\(header.schema)' is not \(Facts.currentSchema): \(hint)")
        }
        var facts: Facts
        do {
            facts = try JSONDecoder().decode(Facts.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw InputError(file: path, line: nil, "not a poolcheck facts file: missing '\(key.stringValue)' at \(where_(context))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw InputError(file: path, line: nil, "not a poolcheck facts file: wrong value at \(where_(context))")
        } catch {
            throw InputError(file: path, line: nil, "not a poolcheck facts file (write one with `poolcheck facts -o FILE`)")
        }
        facts.database = facts.database.redactingMaps()
        if let stray = facts.provenance.firstSource(outside: facts.sources.indices) {
            throw InputError(file: path, line: nil, "not a consistent poolcheck facts file: provenance gives record \(stray.uuid) "
                             + "source #\(stray.index), but the file lists \(facts.sources.count) source\(facts.sources.count == 1 ? "" : "s")")
        }
        // What the file recorded is evidence of the past, however live it was when asked.
        for index in facts.sources.indices where facts.sources[index].recordedIn == nil {
            facts.sources[index].recordedIn = path
        }
        return facts
    }

    private struct SchemaHeader: Decodable { var schema: String }

    private static func where_(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "the top level" : path
    }
}
