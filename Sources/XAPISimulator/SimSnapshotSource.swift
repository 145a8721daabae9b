import PoolCheck

/// Reads xe transcripts into facts for `xapi-sim --snapshot`: a thin adapter over the
/// snapshot gatherer, so the simulator serves exactly the pool the transcripts show.
public enum SimSnapshotSource {
    public static func facts(at path: String) throws -> Facts {
        // The transcript gatherer lands on main separately; until this branch merges it,
        // say so instead of guessing.
        throw SimScenarioError("--snapshot needs the transcript gatherer (SnapshotGatherer), not in this build yet; use --facts FILE")
    }
}
