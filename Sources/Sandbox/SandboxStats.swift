/// Counts of what the sandbox did, for tests that check a client's politeness and outcomes.
///
/// `requestsReceived` counts every `/v1` request, `readsReceived` and `readsUnavailable503` the
/// GETs among them; the POST counts are about `POST /v1/bookings` only. A dropped POST counts as
/// `created` and as `dropped`. `conflictsAlreadyBooked` and `conflictsSlotFull` split
/// `conflicts409` by cause, which the API's answer does not tell (SPEC §1): they are for tests of
/// a client's conflict lookup. `cancelled` counts cancellations through the admin endpoint.
public struct SandboxStats: Sendable, Codable, Equatable {
    public var requestsReceived = 0
    public var postsReceived = 0
    public var created = 0
    public var conflicts409 = 0
    public var conflictsAlreadyBooked = 0
    public var conflictsSlotFull = 0
    public var invalid422 = 0
    public var badRequest400 = 0
    public var unauthorized401 = 0
    public var rateLimited429 = 0
    public var unavailable503 = 0
    public var dropped = 0
    public var readsReceived = 0
    public var readsUnavailable503 = 0
    public var cancelled = 0

    /// All zero.
    public init() {}

    /// Counts one logged `/v1` request by its method, path and answer.
    mutating func count(_ request: ReceivedRequest) {
        requestsReceived += 1
        if request.method == "GET" {
            readsReceived += 1
            if request.status == 503 { readsUnavailable503 += 1 }
        } else if request.method == "POST" && request.path == "/v1/bookings" {
            countPost(status: request.status)
        }
    }

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
