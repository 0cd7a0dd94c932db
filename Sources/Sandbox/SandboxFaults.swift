/// The failure knobs of the sandbox: what makes it behave like a busy or flaky Jicoo.
///
/// Every knob defaults to "no fault", so `SandboxFaults()` is a perfect server. The rate
/// limit applies to every `/v1` request; the other knobs apply to `POST /v1/bookings` only,
/// because that is the request whose retries and reconciliation the client must get right.
/// Decoding fills missing keys with these defaults, so `PUT /_sandbox/faults` with `{}` clears
/// every fault.
public struct SandboxFaults: Sendable, Codable, Equatable {
    /// Sustained requests per second of a token bucket; `nil` means no rate limit.
    public var rateLimit: Double?
    /// The bucket's size; `nil` means `max(1, rateLimit rounded up)`.
    public var rateLimitBurst: Int?
    /// Send `Retry-After` as an HTTP-date instead of whole seconds.
    public var retryAfterAsHTTPDate: Bool
    /// Chance (0...1) that a POST is answered 429 regardless of the rate limit.
    public var probability429: Double
    /// Whether those random 429s carry `Retry-After: 1`; without it the client must back off on its own.
    public var retryAfterOn429: Bool
    /// Chance (0...1) that a POST is answered 503.
    public var probability503: Double
    /// Base delay before a POST is handled.
    public var latencyMilliseconds: Int
    /// The delay varies uniformly by ± this much (never below zero).
    public var jitterMilliseconds: Int
    /// Chance (0...1) that a POST which created a booking gets no answer: the connection is closed.
    public var probabilityDrop: Double
    /// Seed of the generator behind every chance and every booking uid; `nil` seeds from the system.
    public var seed: UInt64?

    /// Knobs; each defaults to its no-fault value.
    public init(
        rateLimit: Double? = nil,
        rateLimitBurst: Int? = nil,
        retryAfterAsHTTPDate: Bool = false,
        probability429: Double = 0,
        retryAfterOn429: Bool = true,
        probability503: Double = 0,
        latencyMilliseconds: Int = 0,
        jitterMilliseconds: Int = 0,
        probabilityDrop: Double = 0,
        seed: UInt64? = nil
    ) {
        self.rateLimit = rateLimit
        self.rateLimitBurst = rateLimitBurst
        self.retryAfterAsHTTPDate = retryAfterAsHTTPDate
        self.probability429 = probability429
        self.retryAfterOn429 = retryAfterOn429
        self.probability503 = probability503
        self.latencyMilliseconds = latencyMilliseconds
        self.jitterMilliseconds = jitterMilliseconds
        self.probabilityDrop = probabilityDrop
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case rateLimit, rateLimitBurst, retryAfterAsHTTPDate, probability429, retryAfterOn429, probability503
        case latencyMilliseconds, jitterMilliseconds, probabilityDrop, seed
    }

    /// Decodes knobs, taking the no-fault default for every missing key.
    public init(from decoder: any Decoder) throws {
        let defaults = SandboxFaults()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.rateLimit = try c.decodeIfPresent(Double.self, forKey: .rateLimit)
        self.rateLimitBurst = try c.decodeIfPresent(Int.self, forKey: .rateLimitBurst)
        self.retryAfterAsHTTPDate =
            try c.decodeIfPresent(Bool.self, forKey: .retryAfterAsHTTPDate) ?? defaults.retryAfterAsHTTPDate
        self.probability429 = try c.decodeIfPresent(Double.self, forKey: .probability429) ?? defaults.probability429
        self.retryAfterOn429 = try c.decodeIfPresent(Bool.self, forKey: .retryAfterOn429) ?? defaults.retryAfterOn429
        self.probability503 = try c.decodeIfPresent(Double.self, forKey: .probability503) ?? defaults.probability503
        self.latencyMilliseconds =
            try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? defaults.latencyMilliseconds
        self.jitterMilliseconds =
            try c.decodeIfPresent(Int.self, forKey: .jitterMilliseconds) ?? defaults.jitterMilliseconds
        self.probabilityDrop = try c.decodeIfPresent(Double.self, forKey: .probabilityDrop) ?? defaults.probabilityDrop
        self.seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
    }

    /// Encodes every knob, writing `null` for an absent rate limit or seed so that
    /// `GET /_sandbox/faults` shows the whole set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rateLimit, forKey: .rateLimit)
        try c.encode(rateLimitBurst, forKey: .rateLimitBurst)
        try c.encode(retryAfterAsHTTPDate, forKey: .retryAfterAsHTTPDate)
        try c.encode(probability429, forKey: .probability429)
        try c.encode(retryAfterOn429, forKey: .retryAfterOn429)
        try c.encode(probability503, forKey: .probability503)
        try c.encode(latencyMilliseconds, forKey: .latencyMilliseconds)
        try c.encode(jitterMilliseconds, forKey: .jitterMilliseconds)
        try c.encode(probabilityDrop, forKey: .probabilityDrop)
        try c.encode(seed, forKey: .seed)
    }

    /// Problems that make these knobs meaningless, keyed by knob name (empty when valid).
    public var problems: [String: [String]] {
        var problems: [String: [String]] = [:]
        for (key, value) in [
            ("probability429", probability429), ("probability503", probability503),
            ("probabilityDrop", probabilityDrop),
        ] where !(0...1).contains(value) {
            problems[key] = ["must be between 0 and 1"]
        }
        if let rateLimit, !(rateLimit > 0 && rateLimit.isFinite) { problems["rateLimit"] = ["must be positive"] }
        if let rateLimitBurst, rateLimitBurst < 1 { problems["rateLimitBurst"] = ["must be at least 1"] }
        if latencyMilliseconds < 0 { problems["latencyMilliseconds"] = ["must not be negative"] }
        if jitterMilliseconds < 0 { problems["jitterMilliseconds"] = ["must not be negative"] }
        return problems
    }
}
