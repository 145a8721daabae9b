import ArgumentParser
import TrafficProbe

/// `traffic-probe analyze [HOST:]IFACE=FILE...`: offline analysis of capture files.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse pcap/pcapng files, each captured on a named interface.")

    @OptionGroup var analysis: AnalysisOptionGroup

    @Argument(help: "[HOST:]IFACE=FILE: FILE was captured on interface IFACE (of HOST).")
    var captures: [String]

    func run() throws {
        let options = try analysis.analysisOptions()
        let parsed = try captures.map(PcapArgument.init(parsing:))
        var observations: [TrafficObservation] = []
        for capture in parsed {
            do {
                observations.append(try TrafficAnalysis.analyzeFile(
                    capture.file, interface: capture.interface, host: capture.host, options: options))
            } catch {
                throw ReportedFailure(description: error.description)
            }
        }
        try JSONOutput.print(observations)
    }
}

/// `[HOST:]IFACE=FILE`, as poolcheck's `--pcap` takes it.
struct PcapArgument: Equatable {
    var host: String?
    var interface: String
    var file: String

    init(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex,
              text.index(after: equals) != text.endIndex
        else {
            throw ValidationError("\(text): expected [HOST:]IFACE=FILE")
        }
        let target = text[..<equals]
        file = String(text[text.index(after: equals)...])
        if let colon = target.firstIndex(of: ":") {
            host = String(target[..<colon])
            interface = String(target[target.index(after: colon)...])
            guard host?.isEmpty == false, !interface.isEmpty else {
                throw ValidationError("\(text): expected [HOST:]IFACE=FILE")
            }
        } else {
            interface = String(target)
        }
    }
}
