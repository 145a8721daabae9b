#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Musl)
private let systemRead = Musl.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif

/// Finds and reads the files of a snapshot: a file, or a folder searched recursively in
/// sorted order. Hidden entries are skipped; symlinked folders are not entered (no loops);
/// anything but a regular file (FIFO, socket, device) is skipped, as opening it could block.
enum SnapshotFiles {
    enum Kind { case file, folder, other, missing }

    static func kind(_ path: String, followLinks: Bool = true) -> Kind {
        var info = stat()
        let result = followLinks ? stat(path, &info) : lstat(path, &info)
        guard result == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    /// The transcript files under `path` (or `path` itself), sorted.
    static func list(_ path: String) throws(SnapshotError) -> [String] {
        switch kind(path) {
        case .missing: throw .notFound(path: path)
        case .file: return [path]
        case .other: throw .unreadable(path: path, reason: "not a regular file or folder")
        case .folder:
            var files: [String] = []
            try collect(path, into: &files)
            guard !files.isEmpty else { throw .noTranscriptFiles(folder: path) }
            return files
        }
    }

    private static func collect(_ folder: String, into files: inout [String]) throws(SnapshotError) {
        guard let directory = opendir(folder) else {
            throw .unreadable(path: folder, reason: String(cString: strerror(errno)))
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        for name in names.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            let child = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            switch kind(child) {
            case .file: files.append(child)
            case .folder where kind(child, followLinks: false) == .folder: try collect(child, into: &files)
            default: continue
            }
        }
    }

    /// The file's bytes; refuses files over `limit` before reading them.
    static func read(_ path: String, limit: Int) throws(SnapshotError) -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .notFound(path: path) }
        guard Int(info.st_size) <= limit else { throw .tooLarge(path: path, bytes: Int(info.st_size), limit: limit) }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file grew while being read: allow it up to the limit, no further.
                guard bytes.count <= limit else { throw .tooLarge(path: path, bytes: bytes.count, limit: limit) }
                bytes += [UInt8](repeating: 0, count: min(bytes.count, limit + 1 - bytes.count) + 1)
            }
            let count = bytes.withUnsafeMutableBytes { raw in
                systemRead(descriptor, raw.baseAddress! + filled, raw.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled...)
        return bytes
    }
}
