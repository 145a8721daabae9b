/// Entry points: analyse a capture file, or set up a bounded live capture.
public enum TrafficAnalysis {
    /// Reads `path` (pcap or pcapng; Ethernet, SLL or SLL2) through the
    /// storage/LACP prefilter and analyses it as a capture of `interface`.
    public static func analyzeFile(_ path: String, interface: String, host: String? = nil,
                                   options: TrafficAnalysisOptions) throws(TrafficProbeError)
        -> TrafficObservation
    {
        let reader = try PcapFileReader(path: path)
        let filter = CaptureFilter.expression(for: options, linkType: reader.linkType)
        try reader.setFilter(filter)
        var analyzer = TrafficAnalyzer(options: options, linkType: reader.linkType)
        try reader.forEachPacket { info, bytes in analyzer.ingest(info, bytes: bytes) }
        var observation = analyzer.observation(interface: interface, host: host, source: .file(path), filter: filter)
        observation.capturedPackets = reader.packetsInFile
        return observation
    }
}
