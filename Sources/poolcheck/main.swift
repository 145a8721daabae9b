// poolcheck's entry point. `poolcheck exports` is answered here, in a process that
// loads nothing else (ExportsTool), so it costs about what `showmount -e` does; every
// other command is poolcheck-engine's, which this process becomes (exec).
import ExportsTool
#if canImport(Glibc)
import Glibc
#endif

let words = CommandLine.arguments
if words.count > 1, words[1] == "exports" {
    exit(ExportsTool.run(Array(words.dropFirst(2))))
}
if words.count == 3, words[1] == "help", words[2] == "exports" {
    exit(ExportsTool.run(["--help"]))
}
exit(EngineLauncher.run(words))
