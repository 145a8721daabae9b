// libFuzzer harness for the frame decoder and the analyses fed by it.
// Built by fuzz/run-decoder.sh together with the pure-Swift decoder sources.
//
// Input: first byte picks the link type, the rest is the captured frame.
// Any trap (bounds, overflow, precondition) or sanitizer report is a bug:
// the decoder must be total over arbitrary bytes.

import Addressing

private let linkTypes: [LinkType] = [.ethernet, .linuxSLL, .linuxSLL2]
private let options = TrafficAnalysisOptions(
    storageServer: StorageServer(address: .v4(IPv4Address(0xAC10_0022)), mountdPort: 20048), mtu: 1500, exampleLimit: 2)

@_cdecl("LLVMFuzzerTestOneInput")
public func decoderFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let linkType = linkTypes[Int(data[0]) % linkTypes.count]
    let frameBytes = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let frame = FrameDecoder.decode(frameBytes, linkType: linkType)

    // Invariants beyond "does not crash".
    if frame.vlans.depth > FrameDecoder.maximumVLANTags { fatalError("VLAN depth past its bound") }
    if frame.tcp != nil || frame.udp != nil, frame.sourceAddress == nil { fatalError("transport without IP") }
    if FrameDecoder.decode(frameBytes, linkType: linkType) != frame { fatalError("decoding is not deterministic") }
    // A complete cooked header whose protocol field is a tag TPID yields that tag, inline
    // after the header, or names what was cut (netlink captures reuse the field).
    if linkType != .ethernet {
        let (protocolAt, hardwareAt, headerLength) = linkType == .linuxSLL ? (14, 2, 16) : (0, 8, 20)
        if frameBytes.count >= headerLength {
            let field = UInt16(frameBytes[protocolAt]) << 8 | UInt16(frameBytes[protocolAt + 1])
            let hardware = UInt16(frameBytes[hardwareAt]) << 8 | UInt16(frameBytes[hardwareAt + 1])
            if [0x8100, 0x88A8, 0x9100].contains(field), hardware != 824,
               frame.vlans.outer?.tpid != field, frame.problem == nil {
                fatalError("cooked VLAN tag not decoded")
            }
        }
    }
    // Decoding a copy gives the same frame: nothing read outside the buffer.
    if FrameDecoder.decode(Array(frameBytes), linkType: linkType) != frame { fatalError("copy decodes differently") }

    // The analyses accept whatever the decoder produced.
    var analyzer = TrafficAnalyzer(options: options, linkType: linkType)
    let info = PacketInfo(timestamp: PacketTimestamp(seconds: 1, nanoseconds: 0),
                          capturedLength: frameBytes.count, wireLength: frameBytes.count)
    analyzer.ingest(frame, info: info)
    analyzer.ingest(frame, info: info)
    let observation = analyzer.observation(interface: "fuzz", host: nil, source: .live, filter: "")
    if observation.packets != 2 { fatalError("analyzer lost a packet") }
    return 0
}
