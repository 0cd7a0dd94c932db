import Foundation

/// One `/v1` request as the sandbox saw it, so tests can assert what a client really sent.
public struct ReceivedRequest: Sendable, Codable, Equatable {
    public var method: String
    /// The path without the query, e.g. `/v1/bookings`.
    public var path: String
    /// The raw query string, if any.
    public var query: String?
    /// The status answered; `nil` when the connection was dropped without an answer.
    public var status: Int?
    /// The body as received (JSON text) for POSTs; `nil` for other methods.
    public var body: String?
    public var receivedAt: Date

    /// Builds a log entry; the sandbox's middleware is the usual author.
    public init(method: String, path: String, query: String?, status: Int?, body: String?, receivedAt: Date) {
        self.method = method
        self.path = path
        self.query = query
        self.status = status
        self.body = body
        self.receivedAt = receivedAt
    }
}
