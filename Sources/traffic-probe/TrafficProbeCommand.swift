import ArgumentParser

/// `traffic-probe`: the TrafficProbe library as a process. Tests run it
/// inside network namespaces (`ip netns exec NS traffic-probe capture ...`),
/// benchmarks time it; poolcheck itself links the library.
@main
struct TrafficProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traffic-probe",
        abstract: "Capture or read storage traffic and print what it shows, as JSON.",
        subcommands: [AnalyzeCommand.self, CaptureCommand.self, FilterCommand.self, SynthesizeCommand.self])
}
