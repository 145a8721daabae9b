import Foundation
import PoolCheck

/// libFuzzer entry: feeds one input to the reader named by POOLCHECK_FUZZ_TARGET
/// (plan, rule, snapshot or facts). Any outcome but a crash or a hang is fine: readers
/// must answer bad input with an error, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzTarget.current.run(bytes)
    return 0
}

enum FuzzTarget: String {
    case plan, rule, snapshot, facts

    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["POOLCHECK_FUZZ_TARGET"] ?? "plan"
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("POOLCHECK_FUZZ_TARGET must be plan, rule, snapshot or facts\n".utf8))
            exit(2)
        }
        return target
    }()

    static let bundledRules: RuleCatalog = {
        do { return try RuleCatalog.bundled() } catch { fatalError("bundled rules do not load: \(error)") }
    }()

    func run(_ bytes: [UInt8]) {
        switch self {
        case .plan:
            guard let text = String(validating: bytes, as: UTF8.self) else { return }
            _ = try? PlanLoader.parse(text, file: "fuzz.yaml")
        case .rule:
            guard let text = String(validating: bytes, as: UTF8.self) else { return }
            _ = try? RuleLoader().parse(text, file: "fuzz.yaml")
        case .snapshot:
            _ = try? SnapshotGatherer.parse(bytes: bytes, path: "fuzz.txt")
        case .facts:
            // A facts file is judged as read, so inconsistent records that decode (duplicate
            // uuids, dangling references) must not trap the pool model or any check.
            guard let facts = try? FactsFile.decode(Data(bytes), path: "fuzz.json") else { return }
            for phase in [Phase.audit, .preflight] {
                _ = RuleEngine(catalog: Self.bundledRules).run(facts: facts, plan: nil, phase: phase)
            }
        }
    }
}

#if FUZZING
/// SwiftPM links an executable's entry point under `<product>_main`; hand it to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("poolcheck_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
}
#else
/// Without libFuzzer this is a replayer: runs each file given (a crash input, a corpus)
/// through the same entry, so a crash can be reproduced in a debugger.
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            data.withUnsafeBytes { raw in
                _ = fuzzOneInput(raw.bindMemory(to: UInt8.self).baseAddress ?? UnsafePointer(bitPattern: 1)!, data.count)
            }
            print("ok \(path)")
        }
    }
}
#endif
