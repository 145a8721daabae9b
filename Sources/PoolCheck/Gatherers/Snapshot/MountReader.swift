/// Reads `mount` output: `DEVICE on DIR type TYPE (OPTIONS)`.
enum MountReader {
    static func read(_ text: TranscriptText, lines: [Int]) -> (mounts: [Mount], unplaced: [LineIssue]) {
        var mounts: [Mount] = []
        var unplaced: [LineIssue] = []
        for line in lines {
            let range = text.trimmed(text.lines[line])
            if range.isEmpty { continue }
            let words = text.words(range).map { text.string($0) }
            // Read from both ends so a mount point with blanks still parses.
            guard words.count >= 6, words[1] == "on", words[words.count - 3] == "type",
                  let options = words.last, options.hasPrefix("("), options.hasSuffix(")") else {
                unplaced.append(LineIssue(line))
                continue
            }
            mounts.append(Mount(device: words[0], mountPoint: words[2..<(words.count - 3)].joined(separator: " "),
                                type: words[words.count - 2],
                                options: options.dropFirst().dropLast().split(separator: ",").map(String.init)))
        }
        return (mounts, unplaced)
    }
}
