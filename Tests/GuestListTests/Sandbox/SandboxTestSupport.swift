import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Testing

@testable import Sandbox

/// What a test sees of one HTTP exchange with the sandbox.
struct SandboxReply: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    /// The body as a JSON object (the envelope), or an empty one.
    var object: [String: any Sendable] {
        ((try? JSONSerialization.jsonObject(with: body)) as? [String: any Sendable]) ?? [:]
    }

    /// The envelope's `data` when it is an object.
    var data: [String: any Sendable] { object["data"] as? [String: any Sendable] ?? [:] }

    /// The envelope's `data` when it is a list of objects (a listing, contacts), or an empty list.
    var items: [[String: any Sendable]] { object["data"] as? [[String: any Sendable]] ?? [] }

    /// The envelope's `errors`: messages per field path.
    var errors: [String: [String]] { object["errors"] as? [String: [String]] ?? [:] }

    /// The body as text, for checks that something appears nowhere in it.
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// A tiny real-HTTP client for the sandbox tests (AsyncHTTPClient, as the product uses).
struct SandboxHTTP: Sendable {
    let sandbox: RunningSandbox

    func send(
        _ method: HTTPMethod, _ path: String, body: String? = nil, apiKey: String? = "default",
        timeout: TimeAmount = .seconds(10)
    ) async throws -> SandboxReply {
        var request = HTTPClientRequest(url: sandbox.baseURL + path)
        request.method = method
        if let key = apiKey == "default" ? sandbox.apiKey : apiKey { request.headers.add(name: "X-Jicoo-Api-Key", value: key) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return SandboxReply(status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
    }

    func post(_ fields: [String: any Sendable], apiKey: String? = "default") async throws -> SandboxReply {
        try await send(.POST, "/v1/bookings", body: json(fields), apiKey: apiKey)
    }

    /// The emails `/v1/bookings/{uid}/contacts` gives for a booking: how a client learns whom it is for.
    func contactEmails(_ uid: String) async throws -> [String] {
        try await send(.GET, "/v1/bookings/\(uid)/contacts").items.compactMap { $0["email"] as? String }
    }

    /// The uids a listing query gives, following every page.
    func listedUids(_ query: String) async throws -> [String] {
        var uids: [String] = []
        var page: Int? = 1
        while let current = page {
            let reply = try await send(.GET, "/v1/bookings?\(query)\(query.isEmpty ? "" : "&")page=\(current)")
            #expect(reply.status == 200, "\(reply.errors)")
            uids += reply.items.compactMap { $0["uid"] as? String }
            page = reply.object["nextPage"] as? Int
        }
        return uids
    }

    func json(_ fields: [String: any Sendable]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }
}

/// Shared setup of the sandbox tests (names kept out of the test target's global scope).
enum SandboxFixtures {
    /// A valid booking body for the default "Spring Summit" event type; tests change one thing.
    static func booking(
        email: String = "guest@example.com", startedAt: String = "2030-03-16T02:00:00.000Z",
        eventTypeId: String = "mzgdPJVBb7RE"
    ) -> [String: any Sendable] {
        [
            "startedAt": startedAt, "timeZone": "Asia/Tokyo", "eventTypeId": eventTypeId,
            "email": email, "name": "Hanako Yamada",
        ]
    }

    /// A logger that keeps the test output quiet.
    static let logger: Logger = {
        var logger = Logger(label: "sandbox-test")
        logger.logLevel = .critical
        return logger
    }()

    /// An instant as the API writes it.
    static func instant(_ text: String) -> Date { SandboxCoding.parseDateTime(text)! }

    /// Runs `body` against a fresh sandbox on a free port.
    @discardableResult
    static func withSandbox<T: Sendable>(
        faults: SandboxFaults = .init(), _ body: (RunningSandbox, SandboxHTTP) async throws -> T
    ) async throws -> T {
        try await withSandbox(SandboxConfiguration(faults: faults), body)
    }

    /// Runs `body` against a fresh sandbox started with `configuration` (on a free port).
    @discardableResult
    static func withSandbox<T: Sendable>(
        _ configuration: SandboxConfiguration, _ body: (RunningSandbox, SandboxHTTP) async throws -> T
    ) async throws -> T {
        try await SandboxServer.withRunning(configuration, logger: logger) { sandbox in
            try await body(sandbox, SandboxHTTP(sandbox: sandbox))
        }
    }
}
