/// Which mountd wrote an export list. The two servers poolcheck meets write
/// client groups differently and list different exports:
/// - knfsd (nfs-utils rpc.mountd) lists every export; groups are as written in
///   /etc/exports (dotted masks kept, `@netgroup`), host names canonicalised.
/// - nfs-ganesha lists only the exports the caller may mount; hosts appear as
///   `a.b.c.d/32` (names resolved at start-up), netgroups without the `@`.
public enum ExportsDialect: String, Sendable, Codable, Hashable, CaseIterable {
    case knfsd
    case ganesha
    /// Not known: read groups permissively, and treat the list as possibly
    /// filtered (an absent export proves nothing).
    case unknown

    /// Whether the server may leave out exports the caller cannot mount.
    public var mayHideExports: Bool { self != .knfsd }

    /// Guesses the dialect from rpcbind's registrations: knfsd's mountd registers
    /// MOUNT v1, v2 and v3; ganesha registers MOUNT v1 and v3 only, and NFS (100003)
    /// from the same process. A mountd without v2 and without NFS beside it is neither
    /// for sure: unknown.
    public static func detect(registrations: [RPCRegistration]) -> ExportsDialect {
        let mountVersions = Set(registrations.filter { $0.program == RPCProgram.mountd }.map(\.version))
        if mountVersions.contains(2) { return .knfsd }
        let servesNFS = registrations.contains { $0.program == RPCProgram.nfs }
        if servesNFS && (mountVersions.contains(3) || mountVersions.contains(1)) { return .ganesha }
        return .unknown
    }
}
