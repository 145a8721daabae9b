/// Why a snapshot (a transcript file or a folder of them) could not be read at all.
/// Each description is one line naming the file, and the line where one applies.
public enum SnapshotError: Error, CustomStringConvertible, Equatable, Sendable {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case noTranscriptFiles(folder: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case empty(path: String)
    case binary(path: String, line: Int, reason: String)
    case notATranscript(path: String)
    /// The prompts name more hosts than one run judges (`line`: where the one too many appears).
    case tooManyHosts(path: String, line: Int?, limit: Int)

    public var description: String {
        switch self {
        case .notFound(let path):
            "\(path): no such file or folder"
        case .unreadable(let path, let reason):
            "\(path): cannot be read (\(reason))"
        case .noTranscriptFiles(let folder):
            "\(folder): folder holds no transcript files (hidden files are skipped)"
        case .tooLarge(let path, let bytes, let limit):
            "\(path): \(bytes) bytes is more than the \(limit / (1024 * 1024)) MiB a transcript may have; split it or trim unrelated output"
        case .empty(let path):
            "\(path): empty file, not a terminal transcript"
        case .binary(let path, let line, let reason):
            "\(path):\(line): binary data (\(reason)), not a terminal transcript"
        case .notATranscript(let path):
            "\(path): not a terminal transcript (no prompt line like `[root@xs-1 ~]# xe host-list`)"
        case .tooManyHosts(let path, let line, let limit):
            "\(path)\(line.map { ":\($0)" } ?? ""): the prompts name more than \(limit) different hosts, the most one run reads (a XenServer pool has at most 64); give one pool's transcripts at a time"
        }
    }
}
