import Foundation
@testable import PoolCheck

/// Helpers shared by the Snapshot* tests.
enum SnapshotFixture {
    /// The repository root, found from this file's path (Tests/PoolCheckTests/...).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func example(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent("examples/pdx0").appendingPathComponent(relative).path
    }

    /// Parses transcript text held in memory, named `t.txt` in messages.
    static func parse(_ text: String, path: String = "t.txt") throws -> Facts {
        try SnapshotGatherer.parse(text: text, path: path)
    }

    /// The seed tutorial transcript ($POOLCHECK_SEED, or ../shared/seed beside the repository).
    static var seedPath: String? {
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["POOLCHECK_SEED"],
            repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/seed/xenserver-6.5-pool-tutorial.txt").path,
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// A fresh temporary folder, removed by the caller with `remove`.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("poolcheck-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }
}

extension Facts {
    func view(_ name: String) -> HostView? { views.first { $0.name == name } }
}
