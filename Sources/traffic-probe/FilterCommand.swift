import ArgumentParser
import TrafficProbe

/// `traffic-probe filter`: prints the BPF prefilter the analyses use, so a
/// peer tool (tcpdump in the bench) can be given exactly the same one.
struct FilterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter", abstract: "Print the BPF filter used for a link type.")

    @OptionGroup var analysis: AnalysisOptionGroup

    @Option(name: .long, help: "ethernet, sll or sll2.")
    var linkType: LinkTypeArgument = .ethernet

    func run() throws {
        print(CaptureFilter.expression(for: try analysis.analysisOptions(), linkType: linkType.linkType))
    }
}

enum LinkTypeArgument: String, ExpressibleByArgument, CaseIterable {
    case ethernet, sll, sll2

    var linkType: LinkType {
        switch self {
        case .ethernet: return .ethernet
        case .sll: return .linuxSLL
        case .sll2: return .linuxSLL2
        }
    }
}
