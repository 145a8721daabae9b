// libFuzzer entry point for the snapshot (transcript) parser. Built by fuzz/run-snapshot.sh
// together with the parser and fact sources, outside SwiftPM.

/// Feeds arbitrary bytes to the parser. It must return facts or a SnapshotError, never
/// crash or hang, and every message it makes must be one line naming the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func snapshotFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let facts = try SnapshotGatherer.parse(bytes: bytes, path: "fuzz.txt")
        for warning in facts.warnings {
            precondition(warning.hasPrefix("fuzz.txt"), "warning does not name the file: \(warning)")
            precondition(!warning.contains("\n"), "warning spans lines: \(warning)")
        }
        precondition(facts.warnings.count <= WarningLog.limit + 1, "too many warnings")
        for view in facts.views {
            precondition(!view.name.isEmpty, "a view without a host name")
            for pif in view.database.PIFs?.records ?? [] {
                precondition(XeValue.isUUID(pif.uuid), "record keyed by a non-uuid: \(pif.uuid)")
            }
        }
    } catch {
        let message = error.description
        precondition(message.hasPrefix("fuzz.txt") && !message.contains("\n"), "bad error message: \(message)")
    }
    return 0
}
