/// A token bucket shared by every request of a run, with an adaptive rate (like AWS's adaptive retry
/// mode): the whole loader pauses on a 429, the rate is cut, and it recovers as answers succeed.
///
/// Tokens accrue at `rate` per second up to `burst`; a request takes one. So over any window of t
/// seconds at most `burst + rate·t` requests start, and N requests need at least (N − burst) / rate s.
/// Each 429 multiplies the rate by 0.7 (never below `maxRate / 10`); each success adds `maxRate / 20`
/// (never above `maxRate`). Time is passed in, so tests drive it without sleeping.
public struct RateLimiter: Sendable, Equatable {
    public let maxRate: Double
    public let burst: Double
    public var minRate: Double { maxRate / 10 }
    public private(set) var rate: Double
    private var tokens: Double
    private var updatedAt: Double
    /// No request may start before this instant (a 429's pause).
    public private(set) var pausedUntil: Double

    public init(rate: Double, burst: Int, now: Double) {
        maxRate = rate
        self.burst = Double(max(1, burst))
        self.rate = rate
        tokens = Double(max(1, burst))
        updatedAt = now
        pausedUntil = now
    }

    private mutating func refill(_ now: Double) {
        if now > updatedAt {
            tokens = min(burst, tokens + (now - updatedAt) * rate)
            updatedAt = now
        }
    }

    /// Takes a token if one is available now.
    public mutating func tryAcquire(now: Double) -> Bool {
        guard now >= pausedUntil else { return false }
        refill(now)
        guard tokens >= 1 - 1e-9 else { return false }
        tokens -= 1
        return true
    }

    /// The earliest instant at which `tryAcquire` can succeed.
    public mutating func nextAvailable(now: Double) -> Double {
        refill(now)
        let ready = tokens >= 1 - 1e-9 ? now : now + (1 - tokens) / rate
        return max(ready, pausedUntil)
    }

    /// A 429: pause every request until `until`, cut the rate, and empty the bucket so that the
    /// requests after the pause are paced rather than sent in a burst.
    public mutating func throttled(now: Double, until: Double) {
        refill(now)
        rate = max(minRate, rate * 0.7)
        tokens = 0
        updatedAt = max(now, until)
        pausedUntil = max(pausedUntil, until)
    }

    /// An answer that was not a 429: let the rate recover.
    public mutating func succeeded() {
        rate = min(maxRate, rate + maxRate / 20)
    }
}
