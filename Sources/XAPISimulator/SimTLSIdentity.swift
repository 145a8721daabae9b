import Foundation
import NIOSSL
import XenAPI

/// The simulator's HTTPS certificate and key (PEM files). XenServer hosts ship
/// self-signed certificates, and so does the simulator: `generate` makes one with the
/// `openssl` command (Debian package `openssl`), valid for 127.0.0.1, ::1 and localhost.
public struct SimTLSIdentity: Sendable {
    public var certificatePath: String
    public var privateKeyPath: String

    public init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }

    /// SHA-256 of the certificate's DER encoding, colon-separated hex: what `--pin-sha256` takes.
    public func fingerprintSHA256() throws -> String {
        let certificates = try NIOSSLCertificate.fromPEMFile(certificatePath)
        guard let leaf = certificates.first else { throw SimScenarioError("no certificate in \(certificatePath)") }
        return SHA256.fingerprint(SHA256.hash(try leaf.toDERBytes()))
    }

    func serverConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem)
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
    }

    /// Where `generate(in:)` writes the certificate and key.
    public static func paths(in directory: String) -> SimTLSIdentity {
        SimTLSIdentity(certificatePath: directory + "/xapi-sim-cert.pem", privateKeyPath: directory + "/xapi-sim-key.pem")
    }

    /// Removes the certificate and key files (those `generate` made), and `folder` with
    /// them when it is given (a folder made only for them).
    public func removeFiles(folder: String? = nil) {
        unlink(privateKeyPath)
        unlink(certificatePath)
        if let folder { rmdir(folder) }
    }

    /// Writes a new self-signed EC P-256 certificate and key into `directory`.
    public static func generate(in directory: String, commonName: String = "xapi-sim") throws -> SimTLSIdentity {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let identity = paths(in: directory)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                             "-nodes", "-days", "30", "-subj", "/CN=\(commonName)",
                             "-addext", "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost",
                             "-keyout", identity.privateKeyPath, "-out", identity.certificatePath]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw SimScenarioError("cannot run openssl to make a certificate (install the openssl package): \(error)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).split(separator: "\n").first ?? ""
            throw SimScenarioError("openssl could not make a certificate: \(text)")
        }
        return identity
    }
}
