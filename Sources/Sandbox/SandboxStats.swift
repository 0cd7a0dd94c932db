/// Counts of what the sandbox did, for tests that check a client's politeness and outcomes.
///
/// `requestsReceived` counts every `/v1` request; the other counts are about
/// `POST /v1/bookings` only. A dropped POST counts as `created` and as `dropped`.
public struct SandboxStats: Sendable, Codable, Equatable {
    public var requestsReceived = 0
    public var postsReceived = 0
    public var created = 0
    public var conflicts409 = 0
    public var invalid422 = 0
    public var badRequest400 = 0
    public var unauthorized401 = 0
    public var rateLimited429 = 0
    public var unavailable503 = 0
    public var dropped = 0

    public init() {}

    /// Counts a POST answered with `status`, or dropped when `status` is `nil`.
    mutating func countPost(status: Int?) {
        postsReceived += 1
        switch status {
        case nil: dropped += 1
        case 400: badRequest400 += 1
        case 401: unauthorized401 += 1
        case 409: conflicts409 += 1
        case 422: invalid422 += 1
        case 429: rateLimited429 += 1
        case 503: unavailable503 += 1
        default: break
        }
    }
}
