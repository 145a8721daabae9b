/// Gathers facts from terminal transcripts (`--snapshot PATH`): a prompt line
/// `[root@xs-1 ~]# xe pif-list`, then its output, for `xe` listings, `hostname`,
/// `ifconfig`, `ip addr`, `showmount -e` and `mount`. The host of each command is the
/// host in its prompt. Lines no reader can place become warnings with file:line.
/// Each file is one source: files that disagree on a value are reported as a conflict.
public enum SnapshotGatherer {
    /// Transcripts are text a person collected; anything bigger is a mistake.
    public static let maximumFileSize = 64 * 1024 * 1024
    /// A pool has at most 64 hosts; far more names at the prompts is the wrong input (or a
    /// prompt that changes every line), and judging them would cost time and memory for nothing.
    public static let maximumHosts = 10_000

    /// Reads a transcript file, or every transcript under a folder (recursively, sorted,
    /// hidden files skipped). A file named directly must be a transcript; in a folder, a
    /// file that is not one (the plan, notes) is skipped with a warning naming it, and a
    /// folder with no transcript at all is an error.
    public static func gather(path: String) throws(SnapshotError) -> Facts {
        let files = try SnapshotFiles.list(path)
        let inFolder = files != [path]
        var merger = FactsMerger()
        var skipped: [String] = []
        for file in files {
            do {
                let bytes = try SnapshotFiles.read(file, limit: maximumFileSize)
                merger.absorb(try parse(bytes: bytes, path: file))
            } catch {
                guard inFolder, error.isNotATranscript else { throw error }
                skipped.append("\(error): skipped")
            }
            if merger.facts.hosts.count > maximumHosts { throw .tooManyHosts(path: file, line: nil, limit: maximumHosts) }
        }
        guard !inFolder || skipped.count < files.count else { throw .noTranscriptFiles(folder: path) }
        var facts = merger.facts
        facts.warnings += skipped
        return facts
    }

    /// Reads transcript text already in memory; `path` names it in warnings and errors.
    public static func parse(text: String, path: String) throws(SnapshotError) -> Facts {
        try parse(bytes: Array(text.utf8), path: path)
    }

    public static func parse(bytes: [UInt8], path: String) throws(SnapshotError) -> Facts {
        guard !bytes.isEmpty else { throw .empty(path: path) }
        guard bytes.count <= maximumFileSize else {
            throw .tooLarge(path: path, bytes: bytes.count, limit: maximumFileSize)
        }
        var snapshot = SnapshotBuilder()
        let text = try TranscriptText(bytes: bytes, path: path)
        try TranscriptParser.parse(text, path: path, into: &snapshot)
        return snapshot.build(path: path)
    }
}

extension SnapshotError {
    /// The file was read but is not a terminal transcript (as opposed to unreadable or too large).
    var isNotATranscript: Bool {
        switch self {
        case .empty, .binary, .notATranscript: true
        case .notFound, .unreadable, .noTranscriptFiles, .tooLarge, .tooManyHosts: false
        }
    }
}
