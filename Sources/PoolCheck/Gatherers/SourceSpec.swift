/// One place facts come from, as named on the command line.
public enum SourceSpec: Sendable, Equatable {
    /// xe/ifconfig/showmount/mount transcripts: a file or a folder of them.
    case snapshot(path: String)
    /// Facts JSON written earlier by `poolcheck facts`.
    case facts(path: String)
    /// An NFS server asked live over RPC.
    case nfs(server: String)
    /// A capture file taken on one interface of one host.
    case pcap(CaptureSpec)
    /// A live capture on an interface of the machine poolcheck runs on.
    case capture(CaptureSpec)
}
