import Addressing
import ArgumentParser
import TrafficProbe

/// Options shared by `analyze`, `capture` and `filter`.
struct AnalysisOptionGroup: ParsableArguments {
    @Option(name: .long, help: "The NFS server's storage address (IPv4 or IPv6).")
    var server: String?

    @Option(name: .long, help: "mountd's port, as rpcbind reports it (not assumed when absent).")
    var mountdPort: UInt16?

    @Option(name: .long, help: "The MTU storage packets are compared against.")
    var mtu: Int?

    @Option(name: .long, help: "Storage packets kept as named examples per interface.")
    var examples: Int = 5

    func analysisOptions() throws -> TrafficAnalysisOptions {
        var storageServer: StorageServer?
        if let server {
            guard let address = IPAddress(server) else {
                throw ValidationError("--server \(server): not an IPv4 or IPv6 address")
            }
            storageServer = StorageServer(address: address, mountdPort: mountdPort)
        } else if mountdPort != nil {
            throw ValidationError("--mountd-port needs --server")
        }
        guard examples >= 0 else { throw ValidationError("--examples must be 0 or more") }
        return TrafficAnalysisOptions(storageServer: storageServer, mtu: mtu, exampleLimit: examples)
    }
}
