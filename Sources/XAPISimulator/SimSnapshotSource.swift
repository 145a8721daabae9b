import PoolCheck

/// Reads xe transcripts into facts for `xapi-sim --snapshot`: a thin adapter over the
/// snapshot gatherer, so the simulator serves exactly the pool the transcripts show.
public enum SimSnapshotSource {
    public static func facts(at path: String) throws -> Facts {
        do {
            return try SnapshotGatherer.gather(path: path)
        } catch {
            throw SimScenarioError("\(error)")
        }
    }
}
