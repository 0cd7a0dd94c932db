/// The server-side rate limit: a token bucket holding up to `burst` tokens, refilled at
/// `rate` tokens per second. A request takes one token or is refused with the wait until the
/// next token exists. Time is passed in, so the bucket is a pure value.
struct TokenBucket: Sendable {
    let rate: Double
    let burst: Double
    private var tokens: Double
    private var updatedAt: ContinuousClock.Instant

    init(rate: Double, burst: Int?, now: ContinuousClock.Instant) {
        self.rate = rate
        self.burst = Double(max(1, burst ?? Int(rate.rounded(.up))))
        self.tokens = self.burst
        self.updatedAt = now
    }

    /// Takes a token and returns `nil`, or returns the seconds until one is available.
    mutating func take(now: ContinuousClock.Instant) -> Double? {
        let elapsed = now - updatedAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(burst, tokens + seconds * rate)
        updatedAt = now
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / rate
    }
}
