/// How a load ended, and what the summary and the report say about it.
public struct LoadResult: Sendable, Equatable {
    public var end: LoadEnd
    /// The rate the limiter held at the end, in requests per second: with `rate: auto`, the API's limit as found;
    /// with a fixed rate, the configured figure or what 429s brought it down to.
    public var settledRate: Double
    /// Whether the rate was `auto`.
    public var automaticRate: Bool
    /// Uncertain rows left pending because the read endpoints could not say whether they were booked.
    public var unresolved: Int

    public init(end: LoadEnd, settledRate: Double, automaticRate: Bool, unresolved: Int = 0) {
        self.end = end
        self.settledRate = settledRate
        self.automaticRate = automaticRate
        self.unresolved = unresolved
    }
}
