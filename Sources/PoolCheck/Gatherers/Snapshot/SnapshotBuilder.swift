/// Everything read from a snapshot so far: one view per host (in the order hosts were
/// first seen), probe failures and warnings. `build()` turns it into `Facts`.
struct SnapshotBuilder: Sendable {
    private(set) var views: [ViewBuilder] = []
    private var index: [String: Int] = [:]
    var probeFailures: [ProbeFailure] = []
    var warnings: [String] = []

    /// The view of `host`, created on first use.
    mutating func view(_ host: String) -> Int {
        if let found = index[host] { return found }
        views.append(ViewBuilder(name: host))
        index[host] = views.count - 1
        return views.count - 1
    }

    mutating func withView<T>(_ slot: Int, _ body: (inout ViewBuilder) -> T) -> T {
        body(&views[slot])
    }

    func build() -> Facts {
        Facts(views: views.map { $0.build() }, probeFailures: probeFailures, warnings: warnings)
    }
}
