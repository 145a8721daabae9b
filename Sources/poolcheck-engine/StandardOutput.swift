import PoolCheck

/// What a command prints, written whole and checked: `poolcheck facts > facts.json` on a
/// full disk, or into a closed pipe, says so and exits 2 instead of leaving a short file
/// behind a status of 0 (`print` drops such errors).
func emit(_ text: String) throws {
    do {
        try OutputFile.writeToStandardOutput(text)
    } catch {
        throw fail("\(error)")
    }
}
