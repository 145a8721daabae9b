import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import XenAPI

/// A running simulated pool: one HTTP(S) listener per host on loopback, XML-RPC at `/`
/// and JSON-RPC at `/jsonrpc`, the master serving reads and members answering
/// HOST_IS_SLAVE with the master's `ADDRESS:PORT`.
public final class XapiSimulator: Sendable {
    public struct Configuration: Sendable {
        public var scenario: SimScenario
        public var user: String
        public var password: String
        /// Address every listener binds; loopback unless you mean otherwise.
        public var bindAddress: String
        /// Host i listens on portBase + i; 0 picks free ports.
        public var portBase: Int
        /// Certificate and key (PEM) for HTTPS; nil serves plain HTTP.
        public var tls: SimTLSIdentity?
        /// Host name -> fault; the key "*" applies to every host.
        public var faults: [String: SimFault]
        public var log: SimCallLog

        public init(scenario: SimScenario, user: String = "root", password: String, bindAddress: String = "127.0.0.1",
                    portBase: Int = 0, tls: SimTLSIdentity? = nil, faults: [String: SimFault] = [:],
                    log: SimCallLog? = nil) throws {
            self.scenario = scenario
            self.user = user
            self.password = password
            self.bindAddress = bindAddress
            self.portBase = portBase
            self.tls = tls
            self.faults = faults
            self.log = try log ?? SimCallLog()
        }
    }

    /// A listening host.
    public struct Listener: Sendable {
        public var host: SimHost
        public var port: Int
        public var url: String
    }

    public let listeners: [Listener]
    public let log: SimCallLog
    private let channels: [any Channel]

    private init(listeners: [Listener], log: SimCallLog, channels: [any Channel]) {
        self.listeners = listeners
        self.log = log
        self.channels = channels
    }

    public var master: Listener? { listeners.first { $0.host.isMaster } }

    public func listener(named name: String) -> Listener? { listeners.first { $0.host.name == name } }

    public static func start(_ configuration: Configuration,
                             group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws -> XapiSimulator {
        let dispatcher = SimDispatcher(scenario: configuration.scenario, user: configuration.user,
                                       password: configuration.password)
        let sslContext = try configuration.tls.map { identity in
            try NIOSSLContext(configuration: identity.serverConfiguration())
        }
        let scheme = sslContext == nil ? "http" : "https"
        var listeners: [Listener] = []
        var channels: [any Channel] = []
        do {
            for (index, host) in configuration.scenario.hosts.enumerated() {
                let fault = configuration.faults[host.name] ?? configuration.faults["*"]
                let log = configuration.log
                let bootstrap = ServerBootstrap(group: group)
                    .serverChannelOption(ChannelOptions.backlog, value: 256)
                    .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
                    .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
                    .childChannelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            if let sslContext {
                                try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                            }
                            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                            try channel.pipeline.syncOperations.addHandler(
                                SimRequestHandler(host: host, dispatcher: dispatcher, fault: fault, log: log))
                        }
                    }
                let port = configuration.portBase == 0 ? 0 : configuration.portBase + index
                let channel = try await bootstrap.bind(host: configuration.bindAddress, port: port).get()
                channels.append(channel)
                let bound = channel.localAddress?.port ?? port
                let shownAddress = configuration.bindAddress.contains(":") ? "[\(configuration.bindAddress)]" : configuration.bindAddress
                listeners.append(Listener(host: host, port: bound, url: "\(scheme)://\(shownAddress):\(bound)/"))
                if host.isMaster { dispatcher.masterAddress.withLock { $0 = "\(shownAddress):\(bound)" } }
            }
        } catch {
            for channel in channels { try? await channel.close() }
            throw SimScenarioError("cannot listen on \(configuration.bindAddress): \(error)")
        }
        return XapiSimulator(listeners: listeners, log: configuration.log, channels: channels)
    }

    public func shutdown() async {
        for channel in channels { try? await channel.close() }
    }
}

/// Reads one request at a time, answers it (or misbehaves as told), keeps the connection
/// alive when the client asks.
private final class SimRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private static let maxRequestBytes = 1 << 20
    private let host: SimHost
    private let dispatcher: SimDispatcher
    private let fault: SimFault?
    private let log: SimCallLog
    private var head: HTTPRequestHead?
    private var body = ByteBuffer()
    private var tooLarge = false

    init(host: SimHost, dispatcher: SimDispatcher, fault: SimFault?, log: SimCallLog) {
        self.host = host
        self.dispatcher = dispatcher
        self.fault = fault
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.clear()
            tooLarge = false
        case .body(var chunk):
            if body.readableBytes + chunk.readableBytes > Self.maxRequestBytes { tooLarge = true } else { body.writeBuffer(&chunk) }
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, body: body.readBytes(length: body.readableBytes) ?? [], context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, body: [UInt8], context: ChannelHandlerContext) {
        let wire: XapiProtocol? = switch head.uri.split(separator: "?").first ?? "/" {
        case "/", "/RPC2": .xmlRPC
        case "/jsonrpc": .jsonRPC
        default: nil
        }
        guard head.method == .POST, let wire, !tooLarge else {
            send(status: .notFound, contentType: "text/html", body: Array("<html><body>not found</body></html>".utf8),
                 keepAlive: false, context: context)
            return
        }
        let request = try? XapiWire.decodeRequest(wire, body)
        let method = request?.method ?? "<unparsable request>"
        let user = method == "session.login_with_password" ? request?.params.first?.stringValue : nil

        if let fault {
            log.record(SimCall(host: host.name, wire: wire.rawValue, method: method, user: user, outcome: "fault:\(fault)"))
            misbehave(fault, wire: wire, context: context, keepAlive: head.isKeepAlive)
            return
        }
        guard let request else {
            log.record(SimCall(host: host.name, wire: wire.rawValue, method: method, user: nil, outcome: "HTTP 500"))
            send(status: .internalServerError, contentType: "text/html", body: Self.errorPage("Parse_error"),
                 keepAlive: false, context: context)
            return
        }
        let result = dispatcher.handle(method: request.method, params: request.params, on: host)
        let outcome: String = switch result {
        case .success: "Success"
        case .failure(let code, _): code
        }
        log.record(SimCall(host: host.name, wire: wire.rawValue, method: method, user: user, outcome: outcome))
        send(status: .ok, contentType: wire.contentType, body: XapiWire.encodeResult(wire, result, id: request.id),
             keepAlive: head.isKeepAlive, context: context)
    }

    private func misbehave(_ fault: SimFault, wire: XapiProtocol, context: ChannelHandlerContext, keepAlive: Bool) {
        switch fault {
        case .delay(let seconds):
            // Answer late with a real error reply, so a patient client still gets a valid envelope.
            let reply = XapiWire.encodeResult(wire, .failure(code: "INTERNAL_ERROR", params: ["simulated delay"]))
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: .nanoseconds(Int64(seconds * 1e9))) {
                let (handler, context) = loopBound.value
                guard context.channel.isActive else { return }
                handler.send(status: .ok, contentType: wire.contentType, body: reply, keepAlive: false, context: context)
            }
        case .drop:
            context.close(promise: nil)
        case .malformed:
            let garbage = wire == .xmlRPC ? "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct><member>"
                + "<name>Status</name></value></struct>" : "{\"jsonrpc\":\"2.0\",\"result\":[1,2,}"
            send(status: .ok, contentType: wire.contentType, body: Array(garbage.utf8), keepAlive: false, context: context)
        case .http500:
            send(status: .internalServerError, contentType: "text/html", body: Self.errorPage("Simulated_fault"),
                 keepAlive: false, context: context)
        case .cut:
            let full = XapiWire.encodeResult(wire, .success(.array((0..<200).map { .string("OpaqueRef:\($0)") })))
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: wire.contentType)
            headers.add(name: "Content-Length", value: String(full.count))
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: full.prefix(full.count / 2)))))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }
    }

    private func send(status: HTTPResponseStatus, contentType: String, body: [UInt8], keepAlive: Bool,
                      context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.count))
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// XAPI's own 500 page shape (see the wire protocol docs).
    static func errorPage(_ detail: String) -> [UInt8] {
        Array(("<html><body><h1>HTTP 500 internal server error</h1>An unexpected error occurred; please wait a while "
            + "and try again. If the problem persists, please contact your support representative.<h1> Additional "
            + "information </h1>\(detail)</body></html>").utf8)
    }
}
