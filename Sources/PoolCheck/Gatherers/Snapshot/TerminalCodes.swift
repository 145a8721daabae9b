/// Removes what a terminal interprets rather than shows: colour and cursor codes
/// (`ESC [ 1;32m`), window titles (`ESC ] 0;root@xs-1 BEL`), readline's prompt markers,
/// and typed-then-erased characters (backspace). A `script(1)` typescript or a coloured
/// PS1 then reads like the text the admin saw. Line breaks are never removed, so every
/// line keeps its number for warnings.
enum TerminalCodes {
    private static let escape: UInt8 = 0x1B, bell: UInt8 = 0x07, backspace: UInt8 = 0x08
    private static let newline: UInt8 = 10, carriageReturn: UInt8 = 13

    /// The bytes without terminal codes, or nil when there are none (the common case:
    /// one scan, no copy). A file that breaks lines with CR alone gets LF breaks.
    static func stripped(_ bytes: [UInt8]) -> [UInt8]? {
        var hasControl = false, hasNewline = false, hasReturn = false
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer where byte < 0x20 || byte == 0x7F {
                if byte == newline { hasNewline = true } else if byte == carriageReturn { hasReturn = true }
                else if byte != 9 && byte != 11 && byte != 12 { hasControl = true }
            }
        }
        let crOnly = hasReturn && !hasNewline
        guard hasControl || crOnly else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case escape:
                index = afterEscape(bytes, index)
                continue
            case backspace:
                // Erase the character before, never a line break.
                while let last = out.last, last != newline, last & 0xC0 == 0x80 { out.removeLast() }
                if let last = out.last, last != newline { out.removeLast() }
            case carriageReturn where crOnly:
                out.append(newline)
            case 9, 10, 11, 12, 13:
                out.append(byte)
            case ..<0x20, 0x7F:
                break // BEL, readline's \001 \002 markers, shift-in/out: not shown
            default:
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// The index after the escape sequence starting at `start`; stops before a line break.
    private static func afterEscape(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start + 1
        guard index < bytes.count, bytes[index] != newline else { return index }
        let kind = bytes[index]
        index += 1
        switch kind {
        case UInt8(ascii: "["):
            // CSI: parameters and intermediates, then one final byte in 0x40...0x7E.
            while index < bytes.count, (0x20...0x3F).contains(bytes[index]) { index += 1 }
            if index < bytes.count, (0x40...0x7E).contains(bytes[index]) { index += 1 }
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"):
            // OSC and other strings (window title): up to BEL or ESC \, never past the line.
            while index < bytes.count, bytes[index] != newline {
                if bytes[index] == bell { return index + 1 }
                if bytes[index] == escape {
                    return index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\\") ? index + 2 : index
                }
                index += 1
            }
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "#"):
            // Character set selection: one more byte.
            if index < bytes.count, bytes[index] != newline { index += 1 }
        default:
            break // two-byte sequences (ESC =, ESC >, ESC 7, ...)
        }
        return index
    }
}
