#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a report or facts file to a path as the kind of thing at that path needs, and
/// never replaces what it must not (as root, `--report junit:/dev/null` once replaced the
/// system's /dev/null with a regular file):
///
/// - a regular file, or nothing yet: written atomically (`AtomicFileWriter`);
/// - a symbolic link to a regular file: its target is written atomically, the link kept;
/// - a FIFO or a character device: opened and written in place, never replaced;
/// - `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`: written to that open
///   descriptor, so `json:/dev/stdout` goes wherever standard output goes;
/// - anything else (a directory, a socket, a block device, a link that leads nowhere or
///   in a loop): refused with one line naming the path.
public enum OutputFile {
    /// What is at a path, and so how it is written.
    enum Destination: Equatable {
        /// Atomically, by a rename over this path (a link's target, resolved).
        case replaceable(String)
        /// Opened write-only and written in place.
        case inPlace(String)
        /// An already open descriptor of this process.
        case descriptor(Int32)
    }

    public static func write(_ text: String, to path: String, noun: String = "report") throws(ReportWriteError) {
        try write(Array(text.utf8), to: path, noun: noun)
    }

    public static func write(_ bytes: [UInt8], to path: String, noun: String = "report") throws(ReportWriteError) {
        do throws(ReportWriteError) {
            switch try destination(of: path) {
            case .replaceable(let target):
                try AtomicFileWriter.write(bytes, to: target)
            case .inPlace(let device):
                let fd = open(device, O_WRONLY | O_NOCTTY | O_CLOEXEC)
                guard fd >= 0 else { throw ReportWriteError(path: path, errno: errno) }
                defer { close(fd) }
                try AtomicFileWriter.writeAll(bytes, to: fd, path: path)
            case .descriptor(let fd):
                try writeToDescriptor(bytes, fd, path: path)
            }
        } catch {
            var named = error
            named.path = path
            named.noun = noun
            throw named
        }
    }

    /// Standard output, checked: a full disk or a closed pipe is an error, not a short file.
    public static func writeToStandardOutput(_ text: String) throws(ReportWriteError) {
        try writeToDescriptor(Array(text.utf8), STDOUT_FILENO, path: "-")
    }

    /// Writes all of `bytes`; a regular file behind the descriptor is also synced, so an
    /// error the filesystem reports only then (NFS, quotas) is not lost either.
    static func writeToDescriptor(_ bytes: [UInt8], _ fd: Int32, path: String) throws(ReportWriteError) {
        try AtomicFileWriter.writeAll(bytes, to: fd, path: path)
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, fsync(fd) != 0, errno != EINVAL, errno != EROFS {
            throw ReportWriteError(path: path, errno: errno)
        }
    }

    /// Classifies `path` without changing anything.
    static func destination(of path: String) throws(ReportWriteError) -> Destination {
        guard !path.isEmpty else { throw ReportWriteError(path: path, reason: "empty path") }
        if let fd = descriptorNumber(path) {
            guard fcntl(fd, F_GETFD) != -1 else {
                throw ReportWriteError(path: path, reason: "descriptor \(fd) is not open in this process")
            }
            return .descriptor(fd)
        }
        var info = stat()
        // Nothing there (or a parent missing or not a folder): the atomic writer creates
        // it, or names what is in the way.
        guard lstat(path, &info) == 0 else { return .replaceable(path) }
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let target = resolvedLink(path) else { throw brokenLink(path) }
            guard stat(target, &info) == 0 else { throw brokenLink(path) }
            return try kind(info, at: target, named: path)
        }
        return try kind(info, at: path, named: path)
    }

    private static func kind(_ info: stat, at path: String, named given: String) throws(ReportWriteError) -> Destination {
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .replaceable(path)
        case S_IFIFO, S_IFCHR: return .inPlace(path)
        case S_IFDIR:
            let example = given.hasSuffix("/") ? given : given + "/"
            throw ReportWriteError(path: given, reason: "is a directory; give a file name, e.g. \(example)report")
        case S_IFSOCK: throw refused(given, "is a socket")
        case S_IFBLK: throw refused(given, "is a block device")
        default: throw refused(given, "is not a regular file")
        }
    }

    private static func refused(_ path: String, _ what: String) -> ReportWriteError {
        ReportWriteError(path: path, reason: "\(what); give a regular file, a FIFO, a character device or - for stdout")
    }

    /// A dangling link is refused as `cp` refuses it: where it points was not meant for us.
    private static func brokenLink(_ path: String) -> ReportWriteError {
        var info = stat()
        let loop = stat(path, &info) != 0 && errno == ELOOP
        let target = linkText(path).map { " (-> \($0))" } ?? ""
        return ReportWriteError(path: path, reason: loop ? "is a symbolic link loop\(target)"
                                                         : "is a dangling symbolic link\(target); poolcheck writes through a link only to an existing file, as cp does")
    }

    private static func resolvedLink(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func linkText(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The descriptor a `/dev/stdout`-like path names: such a path is a view of an open
    /// descriptor, which may be a pipe or socket that cannot be opened again by name.
    static func descriptorNumber(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdin": return 0
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
            let number = path.dropFirst(prefix.count)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), let fd = Int32(number) else { return nil }
            return fd
        }
        return nil
    }
}
