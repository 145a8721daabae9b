import Foundation
import Testing
@testable import PoolCheck

/// Input that is not a transcript, or only part of one: one clear line naming the file
/// (and line), never a crash or a hang.
@Suite struct SnapshotBadInputTests {
    func error(_ body: () throws -> Facts) -> SnapshotError? { SnapshotFixture.snapshotError(body) }

    @Test func garbageWithoutPrompt() {
        let failure = error { try SnapshotFixture.parse("lorem ipsum\nuuid ( RO): not a transcript\n", path: "notes.txt") }
        #expect(failure == .notATranscript(path: "notes.txt"))
        #expect(failure?.description == "notes.txt: not a terminal transcript (no prompt line like `[root@xs-1 ~]# xe host-list`)")
    }

    @Test func emptyAndBlank() {
        #expect(error { try SnapshotFixture.parse("", path: "e.txt") }?.description == "e.txt: empty file, not a terminal transcript")
        #expect(error { try SnapshotFixture.parse("\n  \n\t\n", path: "e.txt") } == .empty(path: "e.txt"))
    }

    @Test func binaryData() {
        let nul = error { try SnapshotGatherer.parse(bytes: Array("[root@xs-1 ~]# hostname\nxs-1\n\0\0".utf8), path: "b.bin") }
        #expect(nul?.description == "b.bin:3: binary data (NUL byte at offset 29), not a terminal transcript")
        let utf8 = error { try SnapshotGatherer.parse(bytes: Array("[root@xs-1 ~]# hostname\n".utf8) + [0xC3, 0x28], path: "b.bin") }
        #expect(utf8 == .binary(path: "b.bin", line: 2, reason: "invalid UTF-8 at offset 24"))
        // A multi-byte character cut off at the end of the file.
        let cut = error { try SnapshotGatherer.parse(bytes: Array("[root@xs-1 ~]# hostname\nxs-1 \u{2019}".utf8).dropLast(), path: "c.txt") }
        #expect(cut == .binary(path: "c.txt", line: 2, reason: "invalid UTF-8 at offset 29"))
        // Overlong and surrogate encodings are not UTF-8 either.
        #expect(error { try SnapshotGatherer.parse(bytes: [0x5B, 0xC0, 0xAF], path: "o.txt") } != nil)
        #expect(error { try SnapshotGatherer.parse(bytes: [0x5B, 0xED, 0xA0, 0x80], path: "s.txt") } != nil)
        // Valid multi-byte text is fine.
        #expect(error { try SnapshotFixture.parse("[root@xs-1 ~]# hostname\nxs-1 – ‘ok’ 😀\n") } == nil)
    }

    @Test func truncatedTranscriptKeepsWhatIsWholeAndSaysWhatIsNot() throws {
        let whole = """
        [root@xs-1 ~]# xe pif-list
        uuid ( RO): 767aac49-ba37-3be7-5bad-87ae26d97e02
        device ( RO): eth2

        uuid ( RO): 1f3ee6eb-09c2-44d3-82a8-ce20954f5092
        device ( RO): eth0
        """
        let cut = String(whole[..<whole.range(of: "44d3-8")!.upperBound]) // ends inside the second uuid
        let facts = try SnapshotFixture.parse(cut)
        #expect(facts.view("xs-1")?.database.PIFs?.records.map(\.device) == ["eth2"])
        #expect(facts.view("xs-1")?.database.PIFs?.complete == true)
        #expect(facts.warnings == [
            "t.txt:5: could not read \"uuid ( RO): 1f3ee6eb-09c2-44d3-8\" as output of `xe pif-list`: record uuid \"1f3ee6eb-09c2-44d3-8\" is not a uuid (truncated?)",
        ])
        // Cut inside a field name: an unreadable line, and nothing dropped by the complete listing.
        let mid = try SnapshotFixture.parse(String(whole.prefix(whole.count - 7)) + "\n")
        #expect(mid.warnings.count == 1)
        #expect(mid.warnings[0].hasPrefix("t.txt:"))
        // Cut inside the prompt line: an unknown xe command, seen but not read.
        let prompt = try SnapshotFixture.parse("[root@xs-1 ~]# xe pif-li")
        #expect(prompt.view("xs-1")?.commands == ["xe pif-li"])
    }

    @Test func warningsAreCappedPerFile() throws {
        var text = "[root@xs-1 ~]# xe host-list\n"
        for index in 0..<200 { text += "garbage \(index)\nuuid ( RO): e28ef0a3-0738-4bc5-9146-cae1205d1e20\n" }
        let facts = try SnapshotFixture.parse(text)
        #expect(facts.warnings.count == WarningLog.limit + 1)
        #expect(facts.warnings.last == "t.txt: 150 more warnings not listed")
    }

    @Test func fiftyMegabytesWithoutPromptIsRefusedQuickly() throws {
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        let file = folder.appendingPathComponent("big.txt")
        let line = Array("lorem ipsum dolor sit amet, consectetur adipiscing elit\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(50 * 1024 * 1024)
        while bytes.count < 50 * 1024 * 1024 { bytes += line }
        try Data(bytes).write(to: file)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(error { try SnapshotGatherer.gather(path: file.path) } == .notATranscript(path: file.path))
        #expect(clock.now - start < .seconds(30))
    }

    @Test func fiftyMegabytesOfRecordsParses() throws {
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        let file = folder.appendingPathComponent("vms.txt")
        // Built as bytes: a debug build spends its time here, not in the parser.
        var bytes = Array("[root@xs-1 ~]# xe vm-list\n".utf8)
        bytes.reserveCapacity(50 * 1024 * 1024 + 200)
        let template = Array(XeRecordPrinter.record([
            .init("uuid", "RO", "00000000-0000-4000-8000-000000000000"), .init("name-label", "RW", "vm"),
            .init("power-state", "RO", "halted"),
        ]).utf8)
        let hexDigits = Array("0123456789abcdef".utf8)
        let digitsEnd = template.firstIndex(of: UInt8(ascii: "\n"))!
        var count = 0
        while bytes.count < 50 * 1024 * 1024 {
            var record = template
            var value = count
            for position in stride(from: digitsEnd - 1, through: digitsEnd - 12, by: -1) {
                record[position] = hexDigits[value & 15]
                value >>= 4
            }
            bytes += record
            count += 1
        }
        try Data(bytes).write(to: file)
        let clock = ContinuousClock()
        let start = clock.now
        let facts = try SnapshotGatherer.gather(path: file.path)
        #expect(facts.view("xs-1")?.database.VMs?.records.count == count)
        #expect(facts.warnings == [])
        #expect(clock.now - start < .seconds(60))
    }

    @Test func longLinesAreQuotedShort() throws {
        let long = String(repeating: "é", count: 10_000)
        let facts = try SnapshotFixture.parse("[root@xs-1 ~]# mount\n\(long)\n")
        #expect(facts.warnings == ["t.txt:2: could not read \"\(String(repeating: "é", count: 72))…\" as output of `mount`"])
    }

    @Test func oneHugeLine() throws {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 50 * 1024 * 1024)
        #expect(error { try SnapshotGatherer.parse(bytes: bytes, path: "line.txt") } == .notATranscript(path: "line.txt"))
    }

    @Test func overSixtyFourMebibytesIsRefusedUnread() throws {
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        let file = folder.appendingPathComponent("huge.txt")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(SnapshotGatherer.maximumFileSize) + 1) // sparse: nothing to read
        try handle.close()
        let failure = error { try SnapshotGatherer.gather(path: file.path) }
        #expect(failure == .tooLarge(path: file.path, bytes: SnapshotGatherer.maximumFileSize + 1, limit: SnapshotGatherer.maximumFileSize))
        #expect(failure?.description.contains("more than the 64 MiB") == true)
    }

    @Test func foldersAreReadSortedSkippingHiddenAndSpecialFiles() throws {
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        let nested = folder.appendingPathComponent("b-hosts")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try Data("[root@xs-2 ~]# hostname\nxs-2\n".utf8).write(to: nested.appendingPathComponent("xs-2.txt"))
        try Data("[root@xs-1 ~]# hostname\nxs-1\n".utf8).write(to: folder.appendingPathComponent("a.txt"))
        try Data("\0binary swap file".utf8).write(to: folder.appendingPathComponent(".a.txt.swp"))
        #expect(mkfifo(folder.appendingPathComponent("pipe").path, 0o600) == 0) // would block if opened
        let facts = try SnapshotGatherer.gather(path: folder.path)
        #expect(facts.views.map(\.name) == ["xs-1", "xs-2"])
        #expect(facts.views.map(\.sources) == [[folder.path + "/a.txt"], [nested.path + "/xs-2.txt"]])

        // In a folder, a file that is not a transcript is skipped with a warning naming it;
        // named directly, it is an error.
        try Data([0xFF, 0xFE]).write(to: nested.appendingPathComponent("z.txt"))
        let withJunk = try SnapshotGatherer.gather(path: folder.path)
        #expect(withJunk.hosts.map(\.name) == ["xs-1", "xs-2"])
        #expect(withJunk.warnings.contains { $0.hasPrefix(nested.path + "/z.txt:1: binary data") && $0.hasSuffix("skipped") })
        #expect(error { try SnapshotGatherer.gather(path: nested.path + "/z.txt") } == .binary(path: nested.path + "/z.txt", line: 1, reason: "invalid UTF-8 at offset 0"))
        // A folder holding no transcript at all is still bad input.
        let junkOnly = folder.appendingPathComponent("junk")
        try FileManager.default.createDirectory(at: junkOnly, withIntermediateDirectories: true)
        try Data("pool: {name: PDX0}\n".utf8).write(to: junkOnly.appendingPathComponent("plan.yaml"))
        #expect(error { try SnapshotGatherer.gather(path: junkOnly.path) } == .noTranscriptFiles(folder: junkOnly.path))
    }

    @Test func missingAndEmptyFolders() throws {
        let folder = try SnapshotFixture.temporaryFolder()
        defer { SnapshotFixture.remove(folder) }
        #expect(error { try SnapshotGatherer.gather(path: folder.path) }?.description
            == "\(folder.path): folder holds no transcript files (hidden files are skipped)")
        let missing = folder.appendingPathComponent("nope").path
        #expect(error { try SnapshotGatherer.gather(path: missing) }?.description == "\(missing): no such file or folder")
    }
}
