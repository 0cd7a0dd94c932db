/// A snapshot for the progress bar, taken after each of the loader's turns.
public struct LoadProgress: Sendable, Equatable {
    /// Rows settled by this load (created, conflict, failed, skipped).
    public var settled: Int
    /// Rows that were pending when the load began.
    public var toSend: Int
    public var counts: StatusCounts
    /// Requests out now, reads included.
    public var inFlight: Int
    /// Requests per second the rate limiter allows now (with `rate: auto`, what it has found so far).
    public var currentRate: Double
}
