/// A token bucket shared by every request of a run, reads included, with an adaptive rate: the whole loader
/// pauses on a 429 (the limit is per key, SPEC §4), the rate is cut, and it recovers as answers succeed.
///
/// Tokens accrue at `rate` per second up to `burst`; a request takes one. So over any window of t seconds at
/// most `burst + rate·t` requests start, and N requests need at least (N − burst) / rate seconds.
///
/// A fixed rate (`limits.rate: 5`) keeps its own rule: each 429 multiplies the rate by 0.7 (never below
/// `maxRate / 10`) and empties the bucket, so the requests after the pause are paced rather than sent in a
/// burst; each success adds `maxRate / 20` (never above `maxRate`). `rate: auto` hands the rate to `AutoRate`
/// and sizes the bucket to one second at the current rate; after a 429 the bucket refills during the pause,
/// because the API's own allowance refills then too, and leaving it unused would waste it. Time is passed in,
/// so tests drive it without sleeping.
public struct RateLimiter: Sendable, Equatable {
    /// The configured rate (fixed), or the highest the controller may not exceed meaningfully (auto: infinity).
    public let maxRate: Double
    private let fixedBurst: Double
    public private(set) var auto: AutoRate?
    private var fixedRate: Double
    private var tokens: Double
    private var updatedAt: Double
    /// No request may start before this instant (a 429's pause).
    public private(set) var pausedUntil: Double
    /// When a request last waited for a token while a slot was free: the rate, not the concurrency, was the limit.
    private var heldBackAt = -Double.infinity

    /// A fixed rate.
    public init(rate: Double, burst: Int, now: Double) {
        maxRate = rate
        fixedBurst = Double(max(1, burst))
        fixedRate = rate
        tokens = Double(max(1, burst))
        updatedAt = now
        pausedUntil = now
    }

    /// `rate: auto`.
    public init(auto: AutoRate, now: Double) {
        self.auto = auto
        maxRate = .infinity
        fixedBurst = 1
        fixedRate = auto.rate
        tokens = max(1, auto.rate)
        updatedAt = now
        pausedUntil = now
    }

    /// The limiter a run's limits call for.
    public init(limits: LoadLimits, now: Double) {
        switch limits.rate {
        case .fixed(let rate): self.init(rate: rate, burst: limits.burst, now: now)
        case .auto: self.init(auto: AutoRate(), now: now)
        }
    }

    /// Requests per second now.
    public var rate: Double { auto?.rate ?? fixedRate }
    public var minRate: Double { auto?.minRate ?? maxRate / 10 }
    public var burst: Double { auto.map { max(1, $0.rate) } ?? fixedBurst }

    private mutating func refill(_ now: Double) {
        if now > updatedAt {
            tokens = min(burst, tokens + (now - updatedAt) * rate)
            updatedAt = now
        }
    }

    /// Takes a token if one is available now. A refusal outside a pause means the rate is holding requests back.
    public mutating func tryAcquire(now: Double) -> Bool {
        guard now >= pausedUntil else { return false }
        refill(now)
        guard tokens >= 1 - 1e-9 else {
            heldBackAt = now
            return false
        }
        tokens -= 1
        auto?.sending(now: now)
        return true
    }

    /// The earliest instant at which `tryAcquire` can succeed.
    public mutating func nextAvailable(now: Double) -> Double {
        refill(now)
        let ready = tokens >= 1 - 1e-9 ? now : now + (1 - tokens) / rate
        return max(ready, pausedUntil)
    }

    /// A 429: pause every request until `until` and cut the rate. `sentAt` is when the throttled request left;
    /// `rate: auto` counts the requests that were already out when the API first said no as one event.
    public mutating func throttled(now: Double, until: Double, sentAt: Double? = nil) {
        refill(now)
        pausedUntil = max(pausedUntil, until)
        if var controller = auto {
            controller.throttled(now: now, sentAt: sentAt ?? now)
            auto = controller
            tokens = 0
            updatedAt = now
        } else {
            fixedRate = max(minRate, fixedRate * 0.7)
            tokens = 0
            updatedAt = max(now, until)
        }
    }

    /// An answer that was not a 429: let the rate recover (fixed) or climb (auto).
    public mutating func succeeded(now: Double = 0) {
        if var controller = auto {
            controller.succeeded(now: now, rateBound: now - heldBackAt < 1)
            auto = controller
        } else {
            fixedRate = min(maxRate, fixedRate + maxRate / 20)
        }
    }
}
