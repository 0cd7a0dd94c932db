/// The rate controller behind `rate: auto` (SPEC §4): it finds an API's unpublished limit by watching which
/// requests succeed and which are answered 429, as TCP finds a path's capacity.
///
/// With r the rate in requests per second (it starts at `initialRate`, 5/s):
/// - **Slow start**, until the first 429: each success adds γ = 4, so r grows e-fold every quarter second of
///   successes and reaches 200/s from 5/s in under a second. Time spent below the limit is lost for good (an API
///   lets unused allowance go), while an overshoot costs only a few 429s: the start must be quick.
/// - **The first 429** ends slow start: r ← max(r_min, min(β·r, S/T)), with S the successes in the T seconds
///   since the first request. Slow start overshoots (an API with a token bucket absorbs a burst before it says
///   no), and S/T is what the API really let through.
/// - **Additive increase**: each success adds k·r_c / r, with r_c the rate set by the last cut and k = 0.02, so
///   r climbs by 2 % of r_c per second — linearly, at a pace that suits the limit found.
/// - **Multiplicative decrease**: a 429 for a request sent after the last cut sets
///   r ← max(r_min, β²·r, min(β·r, S′/T′)), with β = 0.85 and S′/T′ the successes per second since the last cut
///   (when that is at least half a second ago). Usually that is β·r; after an overshoot, S′/T′ — what the API
///   let through across its pause and the burst after it — brings the rate down faster, but never by more than
///   β² at once, in case the API lets little through after a pause. The other requests that were already out
///   when the API said no are the same event and do not cut again.
///
/// r_min is a tenth of the starting rate. The rate only rises while it is what holds requests back (a token was
/// missing within the last second); while the concurrency or the supply of rows is the limit, a higher
/// figure would mean nothing and take longer to bring down. Time is passed in, so tests drive it.
public struct AutoRate: Sendable, Equatable {
    public static let initialRate = 5.0
    /// β: the factor a 429 cuts the rate by.
    public static let decrease = 0.85
    /// k: the share of the last cut's rate added per second while requests succeed.
    public static let increase = 0.02
    /// γ: what each success adds during slow start.
    public static let slowStartGain = 4.0

    public private(set) var rate: Double
    public let minRate: Double
    /// True until the first 429.
    public private(set) var slowStart = true
    private var cutRate: Double
    private var lastCut = -Double.infinity
    private var firstRequestAt: Double?
    private var successes = 0
    private var successesSinceCut = 0

    public init(initialRate: Double = AutoRate.initialRate) {
        rate = initialRate
        cutRate = initialRate
        minRate = initialRate / 10
    }

    /// A request is leaving at `now`.
    mutating func sending(now: Double) {
        if firstRequestAt == nil { firstRequestAt = now }
    }

    /// A request was answered by something other than a 429; `rateBound` says whether the rate has held
    /// requests back lately.
    mutating func succeeded(now: Double, rateBound: Bool) {
        successes += 1
        successesSinceCut += 1
        guard rateBound else { return }
        rate += slowStart ? Self.slowStartGain : Self.increase * cutRate / rate
    }

    /// A 429 for a request that left at `sentAt`. Returns whether it cut the rate (false for the other requests
    /// of an episode already counted).
    @discardableResult
    mutating func throttled(now: Double, sentAt: Double) -> Bool {
        guard sentAt >= lastCut else { return false }
        if slowStart {
            slowStart = false
            let elapsed = now - (firstRequestAt ?? now)
            let accepted = elapsed >= 0.5 ? Double(successes) / elapsed : rate
            rate = max(minRate, min(Self.decrease * rate, accepted))
        } else {
            let sinceCut = now - lastCut
            let accepted = sinceCut >= 0.5 ? Double(successesSinceCut) / sinceCut : rate
            rate = max(minRate, Self.decrease * Self.decrease * rate, min(Self.decrease * rate, accepted))
        }
        cutRate = rate
        lastCut = now
        successesSinceCut = 0
        return true
    }
}
