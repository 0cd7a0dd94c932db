import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The real API client, over AsyncHTTPClient. The key is sent in `X-Jicoo-Api-Key` and never logged.
public final class JicooClient: BookingAPI {
    let http: HTTPClient
    let baseURL: String
    let requestTimeout: TimeAmount
    let logger: Logger
    /// What AsyncHTTPClient logs with: it logs only at debug and trace, and tagging every request with an id
    /// costs a metadata update per request, so it gets the logger only when those levels are on.
    private let httpLogger: Logger?
    /// The headers every request carries, built once.
    private let headers: HTTPHeaders

    /// Creates a client with its own connection pool. Call `shutdown()` when done: AsyncHTTPClient must be shut
    /// down before it is released.
    public init(baseURL: String, apiKey: String, connectTimeout: Double, requestTimeout: Double, concurrency: Int, logger: Logger) {
        var configuration = HTTPClient.Configuration()
        // No idle-read timeout: each attempt's deadline (`requestTimeout` from the start) always expires first,
        // and the idle timer would be re-armed on every read for nothing.
        configuration.timeout = .init(connect: .milliseconds(Int64(connectTimeout * 1000)), read: nil)
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, concurrency))
        configuration.httpVersion = .http1Only
        configuration.redirectConfiguration = .disallow
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.requestTimeout = .milliseconds(Int64(requestTimeout * 1000))
        self.logger = logger
        httpLogger = logger.logLevel <= .debug ? logger : nil
        headers = [
            "X-Jicoo-Api-Key": apiKey, "Accept": "application/json", "User-Agent": "guestlist/\(GuestListVersion.current)",
        ]
    }

    public func shutdown() async { try? await http.shutdown() }

    public func createBooking(json: String) async -> APIAnswer {
        await send(method: .POST, path: "/v1/bookings", body: json)
    }

    /// One request; never throws: every failure becomes an `APIAnswer` the loader classifies.
    func send(method: HTTPMethod, path: String, body: String? = nil) async -> APIAnswer {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers = headers
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let start = ContinuousClock.now
        do {
            let response = try await http.execute(request, deadline: .now() + requestTimeout, logger: httpLogger)
            var collected = try await response.body.collect(upTo: 4 << 20)
            let bytes = collected.readBytes(length: collected.readableBytes) ?? []
            return APIAnswer(
                status: Int(response.status.code), body: bytes, retryAfter: response.headers.first(name: "Retry-After"),
                latencySeconds: start.secondsSince())
        } catch {
            let neverSent = Self.neverSent(error)
            return APIAnswer(
                status: nil, transportError: Self.describe(error) + (neverSent ? " (\(baseURL))" : ""),
                mayHaveBeenSent: !neverSent, latencySeconds: start.secondsSince())
        }
    }

    /// Errors after which the request certainly never reached the server: nothing connected.
    static func neverSent(_ error: any Error) -> Bool {
        if let e = error as? HTTPClientError {
            return e == .connectTimeout || e == .getConnectionFromPoolTimeout || e == .invalidURL || e == .emptyHost
                || e == .alreadyShutdown
        }
        if error is NIOConnectionError { return true }
        if let e = error as? ChannelError, case .connectTimeout = e { return true }
        if let e = error as? IOError, e.errnoCode == ECONNREFUSED || e.errnoCode == ENETUNREACH || e.errnoCode == EHOSTUNREACH { return true }
        return false
    }

    static func describe(_ error: any Error) -> String {
        if let e = error as? HTTPClientError {
            switch e {
            case .connectTimeout: return "could not connect (connect timeout)"
            case .readTimeout: return "no answer within the request timeout"
            case .deadlineExceeded: return "no answer within the request timeout"
            case .remoteConnectionClosed: return "the connection was closed before an answer came"
            case .getConnectionFromPoolTimeout: return "could not connect (no connection became available)"
            default: return "HTTP error: \(e)"
            }
        }
        if let e = error as? NIOConnectionError {
            return "could not connect to \(e.host):\(e.port)" + (e.connectionErrors.first.map { " (\($0.error))" } ?? "")
        }
        if let e = error as? IOError { return "network error: \(e.description)" }
        return "network error: \(error)"
    }
}
