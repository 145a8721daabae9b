import Foundation
import XCTest

/// The repository root, found from this file's path (tests run from any directory).
let oracleRepositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
    }
    fatalError("no Package.swift above \(#filePath)")
}()

/// The binaries `swift build` (and so `swift test`) made.
enum OracleBinaries {
    static var engine: String { oracleRepositoryRoot + "/.build/debug/poolcheck-engine" }
    static var simulator: String { oracleRepositoryRoot + "/.build/debug/xapi-sim" }
}

struct ProcessRun: Sendable {
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool
}

/// Runs a child process to completion with a deadline; stdout and stderr are read on their
/// own threads so a full pipe never blocks the child.
func runProcess(_ path: String, _ arguments: [String], environment: [String: String] = [:],
                timeout: TimeInterval = 60) throws -> ProcessRun {
    guard FileManager.default.isExecutableFile(atPath: path) else {
        throw OracleError("\(path) not built: run `swift build` first")
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: oracleRepositoryRoot)
    var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    env["NO_COLOR"] = "1"
    process.environment = env
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let group = DispatchGroup()
    let box = DataBox()
    group.enter()
    DispatchQueue.global().async {
        box.setOut(out.fileHandleForReading.readDataToEndOfFile())
        group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
        box.setErr(err.fileHandleForReading.readDataToEndOfFile())
        group.leave()
    }
    let deadline = Date().addingTimeInterval(timeout)
    var timedOut = false
    while process.isRunning {
        if Date() > deadline {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            break
        }
        usleep(5_000)
    }
    process.waitUntilExit()
    group.wait()
    return ProcessRun(status: process.terminationStatus, stdout: String(decoding: box.out, as: UTF8.self),
                      stderr: String(decoding: box.err, as: UTF8.self), timedOut: timedOut)
}

private final class DataBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var out = Data()
    private(set) var err = Data()
    func setOut(_ data: Data) { lock.lock(); out = data; lock.unlock() }
    func setErr(_ data: Data) { lock.lock(); err = data; lock.unlock() }
}

struct OracleError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh temporary folder.
func oracleTemporaryFolder(_ label: String) throws -> String {
    let safe = label.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
    let path = NSTemporaryDirectory() + "verdict-oracle-\(getpid())-\(String(safe))-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func writeText(_ text: String, to path: String) throws {
    try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                            withIntermediateDirectories: true)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// A thread-safe accumulator.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
    var snapshot: Value { withValue { $0 } }
}

/// Runs `work` for each item, at most `width` at a time, and waits for all.
func forEachConcurrently<Item: Sendable>(_ items: [Item], width: Int, _ work: @escaping @Sendable (Item) -> Void) {
    let semaphore = DispatchSemaphore(value: width)
    let group = DispatchGroup()
    for item in items {
        semaphore.wait()
        group.enter()
        DispatchQueue.global().async {
            work(item)
            semaphore.signal()
            group.leave()
        }
    }
    group.wait()
}
