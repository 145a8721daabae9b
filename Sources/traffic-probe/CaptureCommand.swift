import ArgumentParser
import Foundation
import TrafficProbe

/// `traffic-probe capture --duration S IFACE...`: a bounded live capture.
struct CaptureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture live on interfaces of this host for a bounded time (needs root or cap_net_raw).")

    @OptionGroup var analysis: AnalysisOptionGroup

    @Option(name: .long, help: "Seconds to capture; the capture ends on time even on an idle interface.")
    var duration: Double

    @Option(name: .long, help: "Host name recorded in the observations.")
    var host: String?

    @Option(name: .long, help: "Bytes kept of each packet (headers are enough).")
    var snapLength: Int = 512

    @Argument(help: "Interfaces to capture on.")
    var interfaces: [String]

    func validate() throws {
        guard duration > 0, duration <= 3600 else { throw ValidationError("--duration must be in (0, 3600] seconds") }
        guard !interfaces.isEmpty else { throw ValidationError("name at least one interface") }
        guard (64...65535).contains(snapLength) else { throw ValidationError("--snap-length must be 64...65535") }
    }

    func run() async throws {
        let options = try analysis.analysisOptions()
        let capture = LiveTrafficCapture(interfaces: interfaces, host: host, options: options,
                                         snapLength: snapLength)
        // Tell a launcher (a test, a lab script) that the interfaces are open.
        FileHandle.standardError.write(Data("capturing\n".utf8))
        let report = await capture.run(for: .milliseconds(Int64((duration * 1000).rounded())))
        for failure in report.interfaces.compactMap(\.failure) {
            FileHandle.standardError.write(Data("traffic-probe: \(failure.message)\n".utf8))
        }
        try JSONOutput.print(report)
    }
}
