import Foundation

/// Writes generated transcripts to disk (kept apart so the parser stays free of Foundation).
enum SyntheticFiles {
    static func write(_ files: [(name: String, text: String)], to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in files {
            try Data(file.text.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent(file.name), options: .atomic)
        }
    }
}
