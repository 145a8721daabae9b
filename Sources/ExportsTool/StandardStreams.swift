#if canImport(Glibc)
import Glibc
#endif

/// Whole strings to standard output and error with write(2): no stdio buffering to
/// flush, and none of `print`'s dynamic casts (each a scan of the binary's conformance
/// tables on first use).
enum StandardStreams {
    static func output(_ text: String) { write(text, to: 1) }
    static func error(_ text: String) { write(text, to: 2) }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return } // a closed pipe: nothing more to say
                offset += written
            }
        }
    }
}
