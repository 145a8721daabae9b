#if canImport(Glibc)
import Glibc
#endif

/// Whole strings to standard output and error with write(2): no stdio buffering to
/// flush, and none of `print`'s dynamic casts (each a scan of the binary's conformance
/// tables on first use).
enum StandardStreams {
    /// Standard output, checked: nil when all was written, else why not (a full disk, a
    /// reader that went away), for the caller to say and exit 2 on.
    static func output(_ text: String) -> String? {
        // A closed pipe is then EPIPE to report, not a silent death by signal.
        signal(SIGPIPE, SIG_IGN)
        return write(text, to: 1)
    }

    static func error(_ text: String) { _ = write(text, to: 2) }

    private static func write(_ text: String, to descriptor: Int32) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return written == 0 ? "nothing was written" : String(cString: strerror(errno)) }
                offset += written
            }
            return nil
        }
    }
}
