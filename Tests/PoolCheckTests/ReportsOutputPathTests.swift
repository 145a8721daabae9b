import Foundation
import XCTest
@testable import PoolCheck

/// `--report FMT:PATH` and `facts -o PATH` by what is at PATH: only a regular file (or
/// nothing) is replaced; links keep their link, FIFOs and devices are written in place.
/// Devices are private copies made with mknod in a temporary folder: never the real
/// /dev/null or /dev/full, which the old code would have replaced.
final class ReportsOutputPathTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pc-output-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Skips (or, with POOLCHECK_REQUIRE_ROOT_TESTS=1, fails) when not root: mknod needs it.
    static func requireRoot() throws {
        guard getuid() != 0 else { return }
        let reason = "device-node tests need root (mknod); run as root to include them"
        if ProcessInfo.processInfo.environment["POOLCHECK_REQUIRE_ROOT_TESTS"] == "1" {
            XCTFail(reason + " (POOLCHECK_REQUIRE_ROOT_TESTS=1)")
            throw XCTSkip("failed: " + reason)
        }
        print("SKIP: " + reason)
        throw XCTSkip(reason)
    }

    /// glibc's makedev (a macro Swift does not import).
    static func deviceNumber(_ major: UInt32, _ minor: UInt32) -> dev_t {
        let major = UInt64(major), minor = UInt64(minor)
        return dev_t(((major & 0xfffff000) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffffff00) << 12) | (minor & 0xff))
    }

    /// A private character device: (1, 3) behaves as /dev/null, (1, 7) as /dev/full.
    static func characterDevice(_ path: String, major: UInt32, minor: UInt32) throws -> String {
        guard mknod(path, S_IFCHR | 0o666, deviceNumber(major, minor)) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "mknod \(path): \(String(cString: strerror(errno)))"])
        }
        return path
    }

    private func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    private func assertOneLine(_ error: any Error, naming path: String, contains reason: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        let text = "\(error)"
        XCTAssertFalse(text.contains("\n"), text, file: file, line: line)
        XCTAssertTrue(text.hasPrefix("cannot write report \(path): "), text, file: file, line: line)
        XCTAssertTrue(text.contains(reason), text, file: file, line: line)
    }

    func testASymlinkKeepsItsLinkAndItsTargetIsReplaced() throws {
        let target = directory + "/run-42.json"
        let link = directory + "/latest.json"
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "run-42.json")
        try OutputFile.write("{}\n", to: link)
        XCTAssertEqual(kind(link), S_IFLNK, "the link is still a link")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "run-42.json")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "{}\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), ["latest.json", "run-42.json"],
                       "no temporary file left")
    }

    func testAFIFOIsWrittenInPlaceForItsReader() throws {
        let fifo = directory + "/report.fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        let out = Pipe()
        reader.standardOutput = out
        try reader.run()
        defer { if reader.isRunning { kill(reader.processIdentifier, SIGKILL) } }
        // On the old code the FIFO was renamed over and cat waited for ever: bound the wait.
        let writer = Thread { try? OutputFile.write("<testsuites/>\n", to: fifo) }
        writer.start()
        let deadline = Date().addingTimeInterval(10)
        while reader.isRunning && Date() < deadline { usleep(10_000) }
        XCTAssertFalse(reader.isRunning, "the reader got an end of file")
        if reader.isRunning {
            kill(reader.processIdentifier, SIGKILL)
            // Release the old code's blocked open, if any, by opening the FIFO once.
            let fd = open(fifo, O_RDONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
        }
        reader.waitUntilExit()
        XCTAssertEqual(String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self), "<testsuites/>\n")
        XCTAssertEqual(kind(fifo), S_IFIFO, "the FIFO is still a FIFO")
    }

    func testCharacterDevicesAreWrittenInPlaceNeverReplaced() throws {
        try Self.requireRoot()
        let null = try Self.characterDevice(directory + "/null", major: 1, minor: 3)
        let full = try Self.characterDevice(directory + "/full", major: 1, minor: 7)
        XCTAssertNoThrow(try OutputFile.write("<x/>\n", to: null))
        XCTAssertEqual(kind(null), S_IFCHR, "a /dev/null copy is still a device")
        XCTAssertThrowsError(try OutputFile.write("<x/>\n", to: full)) { error in
            assertOneLine(error, naming: full, contains: "No space left on device")
        }
        XCTAssertEqual(kind(full), S_IFCHR, "a /dev/full copy is still a device")
        // Through a link, too.
        let link = directory + "/null-link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: null)
        XCTAssertNoThrow(try OutputFile.write("<x/>\n", to: link))
        XCTAssertEqual(kind(null), S_IFCHR)
        XCTAssertEqual(kind(link), S_IFLNK)
    }

    func testBlockDevicesAreRefused() throws {
        try Self.requireRoot()
        let block = directory + "/loop"
        XCTAssertEqual(mknod(block, S_IFBLK | 0o600, Self.deviceNumber(7, 0)), 0)
        XCTAssertThrowsError(try OutputFile.write("x", to: block)) { error in
            assertOneLine(error, naming: block, contains: "is a block device")
        }
        XCTAssertEqual(kind(block), S_IFBLK)
    }

    func testSocketsDanglingLinksAndLoopsAreRefusedNamingThePath() throws {
        let socketPath = directory + "/s.sock"
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in socketPath.utf8.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        XCTAssertEqual(bound, 0)
        XCTAssertThrowsError(try OutputFile.write("x", to: socketPath)) { error in
            assertOneLine(error, naming: socketPath, contains: "is a socket")
        }
        XCTAssertEqual(kind(socketPath), S_IFSOCK)

        let dangling = directory + "/dangling.json"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "missing/run.json")
        XCTAssertThrowsError(try OutputFile.write("x", to: dangling)) { error in
            assertOneLine(error, naming: dangling, contains: "is a dangling symbolic link (-> missing/run.json)")
        }
        let loop = directory + "/loop.json"
        try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: "loop.json")
        XCTAssertThrowsError(try OutputFile.write("x", to: loop)) { error in
            assertOneLine(error, naming: loop, contains: "symbolic link loop")
        }
        XCTAssertThrowsError(try OutputFile.write("x", to: directory)) { error in
            assertOneLine(error, naming: directory, contains: "is a directory")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).sorted(), ["dangling.json", "loop.json", "s.sock"])
        XCTAssertEqual(kind(dangling), S_IFLNK)
    }

    func testDescriptorPathsWriteToTheOpenDescriptor() throws {
        for prefix in ["/dev/fd/", "/proc/self/fd/"] {
            var ends: [Int32] = [0, 0]
            XCTAssertEqual(pipe(&ends), 0)
            defer { close(ends[0]) }
            try OutputFile.write("{\"ok\":true}\n", to: prefix + String(ends[1]))
            close(ends[1])
            let read = FileHandle(fileDescriptor: ends[0], closeOnDealloc: false).readDataToEndOfFile()
            XCTAssertEqual(String(decoding: read, as: UTF8.self), "{\"ok\":true}\n", prefix)
        }
        XCTAssertEqual(OutputFile.descriptorNumber("/dev/stdout"), 1)
        XCTAssertEqual(OutputFile.descriptorNumber("/dev/stderr"), 2)
        XCTAssertNil(OutputFile.descriptorNumber("/dev/fd/x"))
        XCTAssertThrowsError(try OutputFile.write("x", to: "/dev/fd/987")) { error in
            assertOneLine(error, naming: "/dev/fd/987", contains: "descriptor 987 is not open")
        }
    }

    func testStdoutByAnyNameIsOneDestination() throws {
        for path in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
            XCTAssertThrowsError(try ReportDestination.validate([ReportDestination(parsing: "text"),
                                                                 ReportDestination(parsing: "json:\(path)")])) { error in
                XCTAssertTrue("\(error)".contains("both write to stdout"), "\(error)")
            }
        }
        XCTAssertNoThrow(try ReportDestination.validate([ReportDestination(parsing: "text"), ReportDestination(parsing: "json:/dev/stderr")]))
    }
}
