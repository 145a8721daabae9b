import TextFormats

/// Reads one transcript file into the snapshot: splits it into commands, hands each
/// command's output to the reader for that command, and reports every line no reader
/// could place as a warning with file:line.
enum TranscriptParser {
    static func parse(_ text: TranscriptText, path: String, into snapshot: inout SnapshotBuilder) throws(SnapshotError) {
        if text.lines.allSatisfy({ text.trimmed($0).isEmpty }) { throw .empty(path: path) }
        let transcript = TranscriptBlocks(text)
        guard !transcript.blocks.isEmpty else { throw .notATranscript(path: path) }
        var log = WarningLog(path: path)
        if let preamble = transcript.preamble {
            log.add("\(path):\(preamble.first + 1): skipped \(preamble.count) non-blank line\(preamble.count == 1 ? "" : "s") before the first prompt line")
        }
        let hostless = transcript.blocks.filter { $0.prompt.host == nil }
        if let first = hostless.first {
            let more = hostless.count > 1 ? " (and \(hostless.count - 1) more such prompt\(hostless.count == 2 ? "" : "s"))" : ""
            let promptText = text.quoted(text.lines[first.line].lowerBound..<first.prompt.command.lowerBound, limit: 40)
            log.add("\(path):\(first.line + 1): the prompt \"\(promptText)\" names no host (redacted?)\(more): "
                    + "its xe listings are kept for the pool, output about one host is not read")
        }
        for block in transcript.blocks {
            read(block, text, path: path, snapshot: &snapshot, log: &log)
            if snapshot.views.count > SnapshotGatherer.maximumHosts {
                throw .tooManyHosts(path: path, line: block.line + 1, limit: SnapshotGatherer.maximumHosts)
            }
        }
        snapshot.warnings += log.all
    }

    private static func read(_ block: TranscriptBlocks.Block, _ text: TranscriptText, path: String,
                             snapshot: inout SnapshotBuilder, log: inout WarningLog) {
        let command = ShellCommand(text.string(block.prompt.command))
        let display = command.display.count > 120 ? String(command.display.prefix(120)) + "…" : command.display
        let nonBlank = block.output.filter { !text.trimmed(text.lines[$0]).isEmpty }
        guard !command.words.isEmpty else {
            log.report(nonBlank.map { LineIssue($0, "output under an empty prompt") }, command: display, text: text)
            return
        }
        let kind = CommandKind(command)
        guard let host = xeTarget(command) ?? block.prompt.host ?? Self.poolWide(kind) else {
            log.report(nonBlank.map { LineIssue($0, "the prompt names no host, so this output cannot be told whose it is") },
                       command: display, text: text)
            return
        }
        let slot = snapshot.view(host)
        var partial = command.isFiltered
        switch kind {
        case .ifconfig(let one), .ipAddress(let one): partial = partial || one
        case .mount(let filtered): partial = partial || filtered
        default: break
        }
        snapshot.withView(slot) { view in
            view.noteSource(path)
            view.noteCommand(CommandKind.normalisedName(command), partial: partial)
        }
        if command.isCompound {
            log.report(nonBlank.map { LineIssue($0, "several commands on one line; their output cannot be told apart") },
                       command: display, text: text, secretOutput: command.printsSecrets)
            return
        }
        let issues: [LineIssue]
        switch kind {
        case .hostname:
            issues = readHostname(text, nonBlank, slot: slot, snapshot: &snapshot)
        case .xeList(let xeClass, let filtered, let minimal, let knownUUID):
            let complete = !filtered && !command.isFiltered
            snapshot.withView(slot) { view in
                view.markSeen(xeClass, complete: complete)
                view.beginListing(xeClass)
            }
            var unplaced: [LineIssue] = [], result: [LineIssue] = [], lastRecordLine = -1
            // A big listing is read and applied a stretch of records at a time, so the text
            // of all its fields is never held twice at once (peak memory, issue 10).
            for positions in recordStretches(text, block.output) {
                let stretch = positions == block.output.indices ? block.output : Array(block.output[positions])
                let read = minimal ? XeOutputReader.minimalRecords(text, lines: stretch)
                                   : XeOutputReader.records(text, lines: stretch)
                unplaced += read.unplaced
                lastRecordLine = read.records.last?.fields.last?.line ?? lastRecordLine
                result += snapshot.withView(slot) { apply(read.records, xeClass, knownUUID: knownUUID, to: &$0) }
            }
            // A complete listing is the whole class at that moment. An unreadable line
            // among the records might have hidden one, so then nothing is dropped
            // (prose after the last record hides nothing).
            if complete && result.isEmpty && unplaced.allSatisfy({ $0.line > lastRecordLine }) {
                snapshot.withView(slot) { $0.retainOnlyCurrentListing(xeClass) }
            }
            issues = unplaced + result
        case .xeParamList(let xeClass, let uuid):
            let read = XeOutputReader.records(text, lines: block.output)
            issues = read.unplaced + snapshot.withView(slot) { view in
                view.markSeen(xeClass, complete: false)
                return apply(read.records, xeClass, knownUUID: uuid, to: &view)
            }
        case .xeParamGet(let xeClass, let uuid, let field, let key):
            issues = readParamGet(text, nonBlank, xeClass, uuid: uuid, field: field, key: key, promptLine: block.line,
                                  slot: slot, snapshot: &snapshot)
        case .ifconfig:
            let read = IfconfigReader.read(text, lines: block.output, device: IfconfigReader.device(in: command.words))
            snapshot.withView(slot) { $0.add(interfaces: read.interfaces) }
            issues = read.unplaced
        case .ipAddress:
            let read = IPAddressReader.read(text, lines: block.output, device: IPAddressReader.device(in: command.words))
            let shown = IPAddressReader.families(in: command.words)
            snapshot.withView(slot) { $0.add(interfaces: read.interfaces, ipv4: shown.ipv4, ipv6: shown.ipv6) }
            issues = read.unplaced
        case .showmount(let server):
            let read = ShowmountReader.read(text, lines: block.output, server: server, filtered: command.isFiltered)
            if let list = read.list { snapshot.withView(slot) { $0.add(exportList: list) } }
            if let failure = read.failure {
                snapshot.probeFailures.append(ProbeFailure(target: server, source: .showmount,
                                                           message: "\(path):\(block.line + 1): \(SecretRedactor.redact(failure))"))
            }
            issues = read.unplaced
        case .mount:
            let read = MountReader.read(text, lines: block.output)
            snapshot.withView(slot) { $0.add(mounts: read.mounts) }
            issues = read.unplaced
        case .xeUnmodelled, .other(readsNothing: false):
            issues = nonBlank.map { LineIssue($0, "poolcheck does not read this command's output") }
        case .xeMinimalValues:
            issues = nonBlank.map { LineIssue($0, "`--minimal` with params= other than uuid prints field values, not which records they belong to") }
        case .xeAction, .other(readsNothing: true):
            issues = []
        }
        log.report(issues, command: display, text: text, secretOutput: command.printsSecrets)
    }

    /// Under a prompt that names no host, only xe output is read: every host's xe shows
    /// the one pool database, so its records are certain whoever asked. They go to a view
    /// with no name, which adds records but no host.
    private static func poolWide(_ kind: CommandKind) -> String? {
        switch kind {
        case .xeList, .xeParamList, .xeParamGet, .xeAction, .xeUnmodelled, .xeMinimalValues: SnapshotBuilder.unnamedHost
        case .hostname, .ifconfig, .ipAddress, .showmount, .mount, .other: nil
        }
    }

    /// Positions in a listing's output lines, cut after a blank line once a stretch holds `size` lines:
    /// xe ends every record at a blank line, so each stretch reads as it would in the whole.
    private static func recordStretches(_ text: TranscriptText, _ lines: [Int], size: Int = 4096) -> [Range<Int>] {
        guard lines.count > size else { return [lines.indices] }
        var stretches: [Range<Int>] = []
        var start = 0
        for (position, line) in lines.enumerated() where position - start + 1 >= size && text.trimmed(text.lines[line]).isEmpty {
            stretches.append(start..<(position + 1))
            start = position + 1
        }
        if start < lines.count { stretches.append(start..<lines.count) }
        return stretches
    }

    /// `xe -s HOST ...` asks HOST's pool, whatever host the prompt is on.
    private static func xeTarget(_ command: ShellCommand) -> String? {
        guard command.program == "xe", let flag = command.words.firstIndex(of: "-s"),
              flag + 1 < command.words.count else { return nil }
        let host = command.words[flag + 1]
        return PromptLine.isPlausibleHost(host) ? host : nil
    }

    private static func apply(_ records: [XeRawRecord], _ xeClass: XeClass, knownUUID: String?,
                              to view: inout ViewBuilder) -> [LineIssue] {
        var issues: [LineIssue] = []
        for record in records {
            guard let uuid = record.uuid ?? knownUUID else {
                issues += record.fields.map { LineIssue($0.line, "this record shows no uuid, so it cannot be told which \(xeClass.rawValue) it is") }
                continue
            }
            guard XeValue.isUUID(uuid) else {
                issues += record.fields.map { LineIssue($0.line, "record uuid \"\(uuid)\" is not a uuid (truncated?)") }
                continue
            }
            issues += view.apply(xeClass, uuid: uuid, record)
        }
        return issues
    }

    private static func readHostname(_ text: TranscriptText, _ lines: [Int], slot: Int,
                                     snapshot: inout SnapshotBuilder) -> [LineIssue] {
        guard let first = lines.first else { return [] }
        let words = text.words(text.lines[first])
        guard words.count == 1 else { return lines.map { LineIssue($0) } }
        let name = text.string(words[0])
        snapshot.withView(slot) { $0.hostname = name }
        return lines.dropFirst().map { LineIssue($0) }
    }

    /// `xe pool-param-get uuid=... param-name=default-SR` prints the bare value.
    private static func readParamGet(_ text: TranscriptText, _ lines: [Int], _ xeClass: XeClass, uuid: String?,
                                     field: String?, key: String?, promptLine: Int, slot: Int,
                                     snapshot: inout SnapshotBuilder) -> [LineIssue] {
        guard let uuid, XeValue.isUUID(uuid), let field, key == nil else {
            let reason = key != nil ? "a single map entry (param-key) is not read"
                                    : "the command does not name a literal uuid= and param-name="
            return lines.map { LineIssue($0, reason) }
        }
        let line = lines.first
        let value = line.map { text.string(text.trimmed(text.lines[$0])) } ?? ""
        let record = XeRawRecord(fields: [.init(name: field, value: value, line: line ?? promptLine)])
        return snapshot.withView(slot) { view in
            view.markSeen(xeClass, complete: false)
            return view.apply(xeClass, uuid: uuid, record)
        } + lines.dropFirst().map { LineIssue($0) }
    }
}
