import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// HTTP/1.1 over SwiftNIO, one connection per call (`Connection: close`), TLS by NIOSSL.
///
/// Written on NIO directly rather than AsyncHTTPClient because pinning needs NIOSSL's
/// per-connection custom verification callback, which AsyncHTTPClient does not expose;
/// it also keeps the deadline, the size bound and "reply cut short" detection in one place.
public struct NIOHTTPTransport: XapiTransport {
    public let tls: XapiTLSOptions
    public let maxResponseBytes: Int
    private let sslContext: NIOSSLContext
    private let group: any EventLoopGroup

    public init(tls: XapiTLSOptions = XapiTLSOptions(), maxResponseBytes: Int = 64 << 20,
                group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.tls = tls
        self.maxResponseBytes = maxResponseBytes
        self.group = group
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = tls.caFile {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                throw XapiError.configuration("cannot read CA file \(caFile): not a readable PEM certificate file")
            }
            guard !certificates.isEmpty else { throw XapiError.configuration("CA file \(caFile) holds no certificate") }
            configuration.trustRoots = .certificates(certificates)
        }
        if tls.pinnedSHA256 != nil {
            // A peer certificate is still demanded; the custom callback below replaces chain checks.
            configuration.certificateVerification = .noHostnameVerification
        } else if tls.insecure {
            configuration.certificateVerification = .none
        }
        do {
            sslContext = try NIOSSLContext(configuration: configuration)
        } catch {
            throw XapiError.configuration("cannot set up TLS: \(error)")
        }
    }

    public func post(to endpoint: XapiEndpoint, path: String, contentType: String, body: [UInt8],
                     timeout: Duration) async throws -> HTTPReply {
        let server = endpoint.url
        let loop = group.next()
        let deadline = NIODeadline.now() + .nanoseconds(timeout.nanoseconds)
        let promise = loop.makePromise(of: HTTPReply.self)
        let progress = CallProgress(expectedPin: tls.pinnedSHA256.map(SHA256.fingerprint))
        let useTLS = endpoint.scheme == .https
        let sslContext = sslContext
        let pin = tls.pinnedSHA256
        let limit = maxResponseBytes
        let sniName = endpoint.hostIsIPAddress ? nil : endpoint.host

        let makeBootstrap: @Sendable () -> ClientBootstrap = {
            ClientBootstrap(group: loop)
                .connectTimeout(.nanoseconds(max(1, timeout.nanoseconds)))
                .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if useTLS {
                            let handler: NIOSSLClientHandler
                            if let pin {
                                handler = try NIOSSLClientHandler(context: sslContext, serverHostname: sniName) { chain, verdict in
                                    let presented = SHA256.hash((try? chain.first?.toDERBytes()) ?? [])
                                    if presented == pin {
                                        verdict.succeed(.certificateVerified)
                                    } else {
                                        progress.recordPinMismatch(SHA256.fingerprint(presented))
                                        verdict.succeed(.failed)
                                    }
                                }
                            } else {
                                handler = try NIOSSLClientHandler(context: sslContext, serverHostname: sniName)
                            }
                            try channel.pipeline.syncOperations.addHandler(handler)
                        }
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(
                            ReplyCollector(server: server, limit: limit, promise: promise, progress: progress))
                    }
                }
        }

        let timeoutTask = loop.scheduleTask(deadline: deadline) {
            promise.fail(XapiError.timeout(server: server, seconds: timeout.seconds, phase: progress.phase))
        }
        promise.futureResult.whenComplete { _ in timeoutTask.cancel() }

        // Name resolution is a blocking getaddrinfo: run it on NIO's thread pool, never on
        // an event loop, so an unresolvable name cannot stall other calls; the deadline
        // above still bounds it.
        let address: EventLoopFuture<SocketAddress>
        if endpoint.hostIsIPAddress {
            address = loop.makeCompletedFuture { try SocketAddress(ipAddress: endpoint.host, port: endpoint.port) }
        } else {
            progress.setPhase("resolving \(endpoint.host)")
            let host = endpoint.host
            let port = endpoint.port
            address = NIOThreadPool.singleton.runIfActive(eventLoop: loop) {
                try SocketAddress.makeAddressResolvingHost(host, port: port)
            }
        }
        address.whenFailure { _ in promise.fail(XapiError.unknownHost(server: server)) }
        address.flatMap { resolved in
            progress.setPhase("connecting")
            return makeBootstrap().connect(to: resolved)
        }.whenComplete { result in
            switch result {
            case .failure(let error):
                promise.fail(Self.connectError(error, server: server, timeout: timeout))  // no-op after a resolution failure
            case .success(let channel):
                progress.setPhase(useTLS ? "TLS handshake or request" : "server accepted the connection but sent no reply")
                promise.futureResult.whenComplete { _ in channel.close(promise: nil) }
                var headers = HTTPHeaders()
                headers.add(name: "Host", value: endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host)
                headers.add(name: "User-Agent", value: "poolcheck")
                headers.add(name: "Content-Type", value: contentType)
                headers.add(name: "Content-Length", value: String(body.count))
                headers.add(name: "Connection", value: "close")
                let head = HTTPRequestHead(version: .http1_1, method: .POST, uri: path, headers: headers)
                channel.write(HTTPClientRequestPart.head(head), promise: nil)
                channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil)
                channel.writeAndFlush(HTTPClientRequestPart.end(nil)).whenFailure { error in
                    promise.fail(ReplyCollector.map(error, server: server, progress: progress))
                }
            }
        }
        return try await promise.futureResult.get()
    }

    static func connectError(_ error: any Error, server: String, timeout: Duration) -> XapiError {
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty {
                return .unknownHost(server: server)
            }
            if let first = error.connectionErrors.first?.error {
                return connectError(first, server: server, timeout: timeout)
            }
            return .unknownHost(server: server)
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case 111: return .connectionRefused(server: server)  // ECONNREFUSED
            case 113, 101: return .transport(server: server, detail: "host unreachable (\(error.description))")
            default: return .transport(server: server, detail: "cannot connect: \(error.description)")
            }
        }
        if let error = error as? ChannelError, case .connectTimeout = error {
            return .timeout(server: server, seconds: timeout.seconds, phase: "connecting")
        }
        if error is SocketAddressError { return .unknownHost(server: server) }
        return .transport(server: server, detail: "cannot connect: \(error)")
    }
}

/// What a call has got to, for timeout messages, and what the pin check saw.
final class CallProgress: Sendable {
    let expectedPin: String?
    private let state = Mutex<(phase: String, pinSeen: String?)>(("starting", nil))

    init(expectedPin: String?) { self.expectedPin = expectedPin }

    var phase: String { state.withLock { $0.phase } }
    var pinMismatch: String? { state.withLock { $0.pinSeen } }
    func setPhase(_ phase: String) { state.withLock { $0.phase = phase } }
    func recordPinMismatch(_ fingerprint: String) { state.withLock { $0.pinSeen = fingerprint } }
}

/// Gathers one HTTP response, bounded in size, and completes the call's promise.
private final class ReplyCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let server: String
    private let limit: Int
    private let promise: EventLoopPromise<HTTPReply>
    private let progress: CallProgress
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()

    init(server: String, limit: Int, promise: EventLoopPromise<HTTPReply>, progress: CallProgress) {
        self.server = server
        self.limit = limit
        self.promise = promise
        self.progress = progress
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            head = responseHead
            progress.setPhase("reading the reply")
            if let length = responseHead.headers.first(name: "Content-Length").flatMap(Int.init), length > limit {
                fail(XapiError.responseTooLarge(server: server, limit: limit), context: context)
            }
        case .body(var chunk):
            guard body.readableBytes + chunk.readableBytes <= limit else {
                fail(XapiError.responseTooLarge(server: server, limit: limit), context: context)
                return
            }
            body.writeBuffer(&chunk)
        case .end:
            guard let head else { return }
            let bytes = body.readBytes(length: body.readableBytes) ?? []
            promise.succeed(HTTPReply(status: Int(head.status.code), contentType: head.headers.first(name: "Content-Type"),
                                      body: bytes))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let detail = head == nil
            ? "before any reply (server dropped the connection)"
            : "mid-reply after \(body.readableBytes) bytes (reply cut short)"
        promise.fail(progress.pinMismatch != nil ? Self.map(ChannelError.eof, server: server, progress: progress)
                                                 : XapiError.connectionClosed(server: server, detail: detail))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let parserError = error as? HTTPParserError, parserError == .invalidEOFState {
            fail(XapiError.connectionClosed(server: server, detail: head == nil
                    ? "inside the reply's headers (reply cut short)"
                    : "mid-reply after \(body.readableBytes) bytes (reply cut short)"), context: context)
            return
        }
        fail(Self.map(error, server: server, progress: progress), context: context)
    }

    private func fail(_ error: XapiError, context: ChannelHandlerContext) {
        promise.fail(error)
        context.close(promise: nil)
    }

    static func map(_ error: any Error, server: String, progress: CallProgress) -> XapiError {
        if let error = error as? XapiError { return error }
        if let seen = progress.pinMismatch {
            return .pinMismatch(server: server, expected: progress.expectedPin ?? "?", actual: seen)
        }
        if let error = error as? NIOSSLError {
            switch error {
            case .handshakeFailed(let inner):
                return .tlsFailure(server: server, detail: "handshake failed: \(shortTLSReason(String(describing: inner)))")
            default:
                return .tlsFailure(server: server, detail: String(describing: error))
            }
        }
        if let error = error as? NIOSSLExtraError {
            return .tlsFailure(server: server, detail: String(describing: error))
        }
        if let error = error as? HTTPParserError {
            return .malformedReply(server: server, method: "HTTP", detail: "not HTTP (\(error))")
        }
        if let error = error as? IOError, error.errnoCode == 104 {  // ECONNRESET
            return .connectionClosed(server: server, detail: "by a reset from the server")
        }
        return .transport(server: server, detail: String(describing: error))
    }

    /// BoringSSL's error stack, reduced to the reason a person can act on.
    static func shortTLSReason(_ text: String) -> String {
        for reason in ["CERTIFICATE_VERIFY_FAILED", "WRONG_VERSION_NUMBER", "HANDSHAKE_FAILURE", "UNKNOWN_PROTOCOL",
                       "SSLV3_ALERT", "TLSV1_ALERT"] where text.contains(reason) {
            if reason == "CERTIFICATE_VERIFY_FAILED" { return "certificate not trusted (CERTIFICATE_VERIFY_FAILED)" }
            if reason == "WRONG_VERSION_NUMBER" { return "server does not speak TLS here (WRONG_VERSION_NUMBER)" }
            return reason
        }
        return String(text.prefix(160))
    }
}
