// Internal helper for the lab tests and benchmarks (run inside a lab
// namespace with `ip netns exec`). The user-facing command is
// `poolcheck exports`.
import NFSProbe

await ProbeCLI.main(Array(CommandLine.arguments.dropFirst()))
