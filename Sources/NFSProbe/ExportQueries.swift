import Addressing

/// Where a path stands in an export list.
public enum ExportCoverage: Sendable, Hashable {
    /// The export that serves the path (itself or a parent directory).
    case listed(NFSExport)
    /// No listed export covers the path. `mayBeHidden`: the server may leave
    /// out exports the caller cannot mount (ganesha), so this proves nothing.
    case notListed(mayBeHidden: Bool)
}

extension Array where Element == NFSExport {
    /// The export covering `path`: the longest exported path that is `path`
    /// or one of its parent directories (XenServer mounts `<path>/<SR uuid>`).
    public func export(covering path: String) -> NFSExport? {
        let wanted = ExportPath.components(path)
        var best: NFSExport?
        var bestLength = -1
        for export in self {
            let exported = ExportPath.components(export.path)
            if exported.count <= wanted.count, wanted.prefix(exported.count).elementsEqual(exported),
               exported.count > bestLength {
                best = export
                bestLength = exported.count
            }
        }
        return best
    }

    /// `export(covering:)`, saying what an absence proves in `dialect`.
    public func coverage(of path: String, dialect: ExportsDialect) -> ExportCoverage {
        if let export = export(covering: path) { return .listed(export) }
        return .notListed(mayBeHidden: dialect.mayHideExports)
    }
}

enum ExportPath {
    static func components(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
    }
}

/// How widely an export is open, from its groups alone.
public struct ExportExposure: Sendable, Hashable {
    public var verdict: Verdict
    /// The group that opens it (admitted), or could (unknown).
    public var group: String?
}

extension NFSExport {
    /// World-open: no client list, `*`, a /0 network, or a pure `*` pattern.
    /// Names and netgroups do not count (they are lists, however long).
    public func worldOpen(dialect: ExportsDialect) -> ExportExposure {
        if groups.isEmpty { return ExportExposure(verdict: .admitted, group: "(everyone)") }
        for group in groups {
            switch ClientSpec(group: group, dialect: dialect) {
            case .everyone: return ExportExposure(verdict: .admitted, group: group)
            case .network(let subnet) where subnet.prefixLength == 0:
                return ExportExposure(verdict: .admitted, group: group)
            case .wildcard(let pattern) where pattern.allSatisfy({ $0 == "*" }):
                return ExportExposure(verdict: .admitted, group: group)
            default: continue
            }
        }
        return ExportExposure(verdict: .refused, group: nil)
    }

    /// Whether any address of `subnet` may mount the export: admitted when a
    /// group reaches into the subnet; unknown when only names, patterns or
    /// netgroups could (they need resolving per address); refused otherwise.
    public func openness(to subnet: Subnet, dialect: ExportsDialect) -> ExportExposure {
        if groups.isEmpty { return ExportExposure(verdict: .admitted, group: "(everyone)") }
        var maybe: String?
        for group in groups {
            switch ClientSpec(group: group, dialect: dialect) {
            case .everyone: return ExportExposure(verdict: .admitted, group: group)
            case .address(let address):
                if subnet.contains(address) { return ExportExposure(verdict: .admitted, group: group) }
            case .network(let network):
                // Two prefixes overlap when one holds the other's network address.
                if network.contains(subnet.canonical.address) || subnet.contains(network.canonical.address) {
                    return ExportExposure(verdict: .admitted, group: group)
                }
            case .wildcard, .hostName, .netgroup, .netgroupOrHost, .unsupported:
                if maybe == nil { maybe = group }
            }
        }
        if let maybe { return ExportExposure(verdict: .unknown, group: maybe) }
        return ExportExposure(verdict: .refused, group: nil)
    }
}
