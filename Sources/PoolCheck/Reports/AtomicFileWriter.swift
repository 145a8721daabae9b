#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a report so that readers (CI uploaders, a person tailing the
/// folder) see either the old file or the complete new one, never a part:
/// write a temporary file beside the target, fsync it, rename it over.
/// Missing parent folders are created, as `--report junit:reports/x.xml`
/// in a fresh CI checkout expects.
public enum AtomicFileWriter {
    public static func write(_ text: String, to path: String) throws(ReportWriteError) {
        try write(Array(text.utf8), to: path, beforeRename: { _ in })
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(ReportWriteError) {
        try write(bytes, to: path, beforeRename: { _ in })
    }

    /// `beforeRename` receives the temporary file's path; tests use it to
    /// fail at the last moment and check nothing is left behind.
    static func write(_ bytes: [UInt8], to path: String,
                      beforeRename: (String) throws -> Void) throws(ReportWriteError) {
        guard !path.isEmpty else { throw ReportWriteError(path: path, reason: "empty path") }
        if path.hasSuffix("/") || isDirectory(path) {
            throw ReportWriteError(path: path, reason: "is a directory; give a file name, e.g. \(path.hasSuffix("/") ? path : path + "/")report")
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        try createDirectories(directory, for: path)

        var template = Array("\(directory)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw ReportWriteError(path: path, errno: errno) }
        let tempPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var renamed = false
        defer { if !renamed { unlink(tempPath) } }
        do {
            defer { close(fd) }
            try writeAll(bytes, to: fd, path: path)
            // mkstemp makes 0600; a report is for sharing, and an existing
            // file keeps the mode someone chose for it.
            var existing = stat()
            let mode: mode_t = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
            guard fchmod(fd, mode) == 0, fsync(fd) == 0 else { throw ReportWriteError(path: path, errno: errno) }
        }
        do { try beforeRename(tempPath) } catch {
            throw ReportWriteError(path: path, reason: "\(error)")
        }
        guard rename(tempPath, path) == 0 else { throw ReportWriteError(path: path, errno: errno) }
        renamed = true
        syncDirectory(directory)
    }

    /// Loops over short writes and EINTR; `path` only names the failure.
    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(ReportWriteError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glue.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw ReportWriteError(path: path, errno: errno)
            }
            offset += written
        }
    }

    /// `mkdir -p`, naming the component that is in the way.
    private static func createDirectories(_ directory: String, for path: String) throws(ReportWriteError) {
        if isDirectory(directory) { return }
        var prefix = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if isDirectory(prefix) { continue }
            if access(prefix, F_OK) == 0 { throw ReportWriteError(path: path, reason: "\(prefix) is not a directory") }
            if mkdir(prefix, 0o755) != 0, errno != EEXIST || !isDirectory(prefix) {
                throw ReportWriteError(path: path, reason: "cannot create directory \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Makes the rename itself durable; best effort (some filesystems refuse).
    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }
}

/// Names the libc `write` unambiguously next to our own `write` methods.
private enum Glue {
    static func write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, buffer, count)
        #elseif canImport(Musl)
        Musl.write(fd, buffer, count)
        #else
        Darwin.write(fd, buffer, count)
        #endif
    }
}

/// "cannot write report reports/pdx0.xml: Permission denied" — one line.
public struct ReportWriteError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String
    /// What was being written: "report", "facts file".
    public var noun = "report"

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    init(path: String, errno code: Int32) {
        self.init(path: path, reason: String(cString: strerror(code)))
    }

    public var description: String {
        path == "-" ? "cannot write to stdout: \(reason)" : "cannot write \(noun) \(path): \(reason)"
    }
}
