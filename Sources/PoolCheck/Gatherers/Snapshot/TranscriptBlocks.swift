/// A transcript cut into commands: each prompt line with the output lines up to the next
/// prompt. Lines that are neither (blog legends `Legend: GET | SEE | USE`, `#` comments,
/// `script(1)`'s `Script started on ...` and `Script done on ...`) are dropped here; text
/// before the first prompt is counted, not read.
struct TranscriptBlocks {
    struct Block {
        /// Index of the prompt line.
        var line: Int
        var prompt: PromptLine
        /// Indices of the output lines, blank ones included (xe separates records with them).
        var output: [Int]
    }

    var blocks: [Block] = []
    /// Non-blank lines before the first prompt: (first such line, how many).
    var preamble: (first: Int, count: Int)?

    init(_ text: TranscriptText) {
        var pending: [Int] = []
        var preambleFirst: Int?
        var preambleCount = 0
        for (index, line) in text.lines.enumerated() {
            let range = text.trimmed(line)
            if !range.isEmpty {
                if let prompt = PromptLine.parse(text, range) {
                    if !blocks.isEmpty { blocks[blocks.count - 1].output = pending }
                    pending = []
                    blocks.append(Block(line: index, prompt: prompt, output: []))
                    continue
                }
                if Self.isStray(text, range) { continue }
                if blocks.isEmpty {
                    preambleFirst = preambleFirst ?? index
                    preambleCount += 1
                    continue
                }
            }
            if !blocks.isEmpty { pending.append(index) }
        }
        if !blocks.isEmpty { blocks[blocks.count - 1].output = pending }
        if let preambleFirst { preamble = (preambleFirst, preambleCount) }
    }

    /// `# comment` lines, `script(1)`'s header and footer, and a blog's
    /// `Legend: GET | SEE | USE` (maybe numbered, `4. Legend: ...`).
    static func isStray(_ text: TranscriptText, _ range: Range<Int>) -> Bool {
        if text.bytes[range.lowerBound] == UInt8(ascii: "#") { return true }
        if text.hasPrefix(range, "Script started on ") || text.hasPrefix(range, "Script done on ") { return true }
        var start = range.lowerBound
        while start < range.upperBound, text.bytes[start] >= UInt8(ascii: "0"), text.bytes[start] <= UInt8(ascii: "9") {
            start += 1
        }
        if start > range.lowerBound {
            guard start + 1 < range.upperBound, text.bytes[start] == UInt8(ascii: "."), text.bytes[start + 1] == 32 else { return false }
            start += 2
            while start < range.upperBound, text.bytes[start] == 32 { start += 1 }
        }
        return text.hasPrefix(start..<range.upperBound, "Legend:")
    }
}
