/// Gathers facts from terminal transcripts (`--snapshot PATH`): a prompt line
/// `[root@xs-1 ~]# xe pif-list`, then its output, for `xe` listings, `hostname`,
/// `ifconfig`, `ip addr`, `showmount -e` and `mount`. The host of each command is the
/// host in its prompt. Lines no reader can place become warnings with file:line.
public enum SnapshotGatherer {
    /// Transcripts are text a person collected; anything bigger is a mistake.
    public static let maximumFileSize = 64 * 1024 * 1024

    /// Reads a transcript file, or every transcript under a folder (recursively, sorted,
    /// hidden files skipped). Throws `SnapshotError` for anything that is not a transcript.
    public static func gather(path: String) throws(SnapshotError) -> Facts {
        var snapshot = SnapshotBuilder()
        for file in try SnapshotFiles.list(path) {
            let bytes = try SnapshotFiles.read(file, limit: maximumFileSize)
            try read(bytes, path: file, into: &snapshot)
        }
        return snapshot.build()
    }

    /// Reads transcript text already in memory; `path` names it in warnings and errors.
    public static func parse(text: String, path: String) throws(SnapshotError) -> Facts {
        try parse(bytes: Array(text.utf8), path: path)
    }

    public static func parse(bytes: [UInt8], path: String) throws(SnapshotError) -> Facts {
        var snapshot = SnapshotBuilder()
        try read(bytes, path: path, into: &snapshot)
        return snapshot.build()
    }

    private static func read(_ bytes: [UInt8], path: String, into snapshot: inout SnapshotBuilder) throws(SnapshotError) {
        guard !bytes.isEmpty else { throw .empty(path: path) }
        guard bytes.count <= maximumFileSize else {
            throw .tooLarge(path: path, bytes: bytes.count, limit: maximumFileSize)
        }
        let text = try TranscriptText(bytes: bytes, path: path)
        try TranscriptParser.parse(text, path: path, into: &snapshot)
    }
}
