/// A transcript held as UTF-8 bytes, with its lines located once. Parsing works on byte
/// ranges and makes Strings only for the values it keeps, which keeps big pools fast.
struct TranscriptText: Sendable {
    let bytes: [UInt8]
    /// Each line's bytes without the newline (and without a trailing CR).
    let lines: [Range<Int>]

    /// Checks the bytes are text (UTF-8, no NUL), drops terminal codes (colours, titles:
    /// line numbers stay) and splits them into lines.
    /// Throws `SnapshotError.binary` naming the line of the first bad byte.
    init(bytes raw: [UInt8], path: String) throws(SnapshotError) {
        if let bad = TranscriptText.firstNonText(raw) {
            let line = 1 + raw[..<bad.offset].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            throw .binary(path: path, line: line, reason: bad.reason)
        }
        let bytes = TerminalCodes.stripped(raw) ?? raw
        self.bytes = bytes
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 32 + 1)
        var start = 0
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var index = 0
            while index < count {
                if buffer[index] == 10 {
                    let end = (index > start && buffer[index - 1] == 13) ? index - 1 : index
                    lines.append(start..<end)
                    start = index + 1
                }
                index += 1
            }
            if start < count {
                let end = buffer[count - 1] == 13 ? count - 1 : count
                lines.append(start..<end)
            }
        }
        self.lines = lines
    }

    /// The first byte that makes this not text: a NUL, or a malformed UTF-8 sequence.
    static func firstNonText(_ bytes: [UInt8]) -> (offset: Int, reason: String)? {
        bytes.withUnsafeBufferPointer { buffer -> (Int, String)? in
            let count = buffer.count
            var index = 0
            while index < count {
                // Eight ASCII bytes at a time while none is NUL or above 0x7F.
                while index + 8 <= count {
                    let word = UnsafeRawPointer(buffer.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    let hasZero = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                    guard word & 0x8080_8080_8080_8080 == 0, hasZero == 0 else { break }
                    index += 8
                }
                guard index < count else { break }
                let byte = buffer[index]
                if byte < 0x80 {
                    if byte == 0 { return (index, "NUL byte at offset \(index)") }
                    index += 1
                    continue
                }
                let length: Int
                var lowest: UInt8 = 0x80, highest: UInt8 = 0xBF
                switch byte {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lowest = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; highest = 0x9F
                case 0xF0: length = 4; lowest = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; highest = 0x8F
                default: return (index, "invalid UTF-8 at offset \(index)")
                }
                guard index + length <= count else { return (index, "invalid UTF-8 at offset \(index)") }
                let second = buffer[index + 1]
                guard second >= lowest && second <= highest else { return (index, "invalid UTF-8 at offset \(index)") }
                var next = index + 2
                while next < index + length {
                    guard buffer[next] & 0xC0 == 0x80 else { return (index, "invalid UTF-8 at offset \(index)") }
                    next += 1
                }
                index += length
            }
            return nil
        }.map { (offset: $0.0, reason: $0.1) }
    }

    // MARK: byte-range helpers

    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 12 || byte == 11 }

    /// The range without leading and trailing blanks.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && TranscriptText.isSpace(bytes[lower]) { lower += 1 }
        while upper > lower && TranscriptText.isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    func hasPrefix(_ range: Range<Int>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard range.count >= count else { return false }
        return prefix.withUTF8Buffer { wanted in
            var index = 0
            while index < count {
                if bytes[range.lowerBound + index] != wanted[index] { return false }
                index += 1
            }
            return true
        }
    }

    func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
        range.count == text.utf8CodeUnitCount && hasPrefix(range, text)
    }

    /// Offset of the first `byte` in `range`, if any.
    func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
    }

    /// Splits a range on runs of blanks.
    func words(_ range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            while index < range.upperBound && TranscriptText.isSpace(bytes[index]) { index += 1 }
            let start = index
            while index < range.upperBound && !TranscriptText.isSpace(bytes[index]) { index += 1 }
            if index > start { result.append(start..<index) }
        }
        return result
    }

    /// A line shortened for quoting in a warning.
    func quoted(_ range: Range<Int>, limit: Int = 72) -> String {
        var shown = trimmed(range)
        // Decode only the start of a long line (backing off to a character boundary).
        if shown.count > limit * 4 {
            var end = shown.lowerBound + limit * 4
            while end > shown.lowerBound && bytes[end] & 0xC0 == 0x80 { end -= 1 }
            shown = shown.lowerBound..<end
        }
        let text = string(shown)
        guard text.count > limit || shown.upperBound < trimmed(range).upperBound else { return text }
        return String(text.prefix(limit)) + "…"
    }
}
