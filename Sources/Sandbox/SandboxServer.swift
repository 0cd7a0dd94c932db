import HTTPTypes
import Hummingbird
import Logging
import ServiceLifecycle

/// The sandbox HTTP server: a fake of Jicoo's booking API on 127.0.0.1, state in memory.
///
/// Start it in-process with ``withRunning(_:logger:_:)`` (tests, `guestlist demo`) or serve
/// until a signal with ``run(_:logger:onStarted:)`` (`guestlist sandbox`).
public enum SandboxServer {
    static let apiKeyHeader = HTTPField.Name("X-Jicoo-Api-Key")!

    /// Why the sandbox could not start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts the server on 127.0.0.1, runs body, then shuts the server down gracefully (also on throw/cancel).
    public static func withRunning<T: Sendable>(
        _ configuration: SandboxConfiguration,
        logger: Logger = Logger(label: "sandbox"),
        _ body: (RunningSandbox) async throws -> T
    ) async throws -> T {
        // No signals: the embedding program owns them; the server stops when body is done.
        try await serve(configuration, logger: logger, trapSignals: false) { running, group in
            let result: T
            do {
                result = try await body(running)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            return result
        }
    }

    /// Serves until the task is cancelled or SIGINT/SIGTERM; calls onStarted with the running sandbox first (for `guestlist sandbox`).
    public static func run(
        _ configuration: SandboxConfiguration,
        logger: Logger,
        onStarted: @Sendable (RunningSandbox) -> Void
    ) async throws {
        try await serve(configuration, logger: logger, trapSignals: true) { running, _ in
            onStarted(running)
        }
    }

    /// Runs the server in a child task and `body` once it listens; returns when both are done.
    ///
    /// The port arrives through a stream because only the server knows it once bound; the
    /// stream also ends if the server stops before listening (port in use), and then its
    /// error is what this throws.
    private static func serve<T: Sendable>(
        _ configuration: SandboxConfiguration, logger: Logger, trapSignals: Bool,
        _ body: (RunningSandbox, ServiceGroup) async throws -> T
    ) async throws -> T {
        let state = SandboxState(configuration: configuration)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = makeApplication(configuration, state: state, logger: logger) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        let group = ServiceGroup(
            services: [app], gracefulShutdownSignals: trapSignals ? [.sigterm, .sigint] : [], cancellationSignals: [],
            logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { portContinuation.finish() }
                try await group.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                throw StartError(description: "the sandbox stopped before it started listening")
            }
            let running = RunningSandbox(port: port, state: state, apiKey: configuration.apiKey)
            do {
                let result = try await body(running, group)
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }

    /// The Hummingbird application bound to 127.0.0.1; `onListening` gets the real port.
    static func makeApplication(
        _ configuration: SandboxConfiguration, state: SandboxState, logger: Logger,
        onListening: @escaping @Sendable (Int) -> Void
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(state: state, apiKey: configuration.apiKey),
            configuration: .init(address: .hostname("127.0.0.1", port: configuration.port), serverName: nil, backlog: 1024),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// Every route: `/v1` behind the key check, rate limit and request log; `/_sandbox` open.
    static func makeRouter(state: SandboxState, apiKey: String) -> Router<SandboxRequestContext> {
        let router = Router(context: SandboxRequestContext.self)
        let api = router.group("v1").add(middleware: SandboxAPIMiddleware(state: state, apiKey: apiKey))
        addBookingRoutes(to: api, state: state)
        addAdminRoutes(to: router.group("_sandbox"), state: state)
        return router
    }
}
