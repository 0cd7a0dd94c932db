/// The failure knobs of the sandbox: what makes it behave like a busy or flaky Jicoo, plus
/// the one undocumented behaviour a client must not depend on (``listingWindow``).
///
/// Every fault defaults to "no fault", so `SandboxFaults()` is a perfect server. The rate limit
/// applies to every `/v1` request; `probability429`, `probability503`, the latency knobs and
/// `probabilityDrop` to `POST /v1/bookings` only, because that is the request whose retries and
/// reconciliation the client must get right; the `read…` knobs to `GET /v1/…` only, for a
/// lookup that fails or times out. Decoding fills missing keys with these defaults, so
/// `PUT /_sandbox/faults` with `{}` clears every fault.
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
    /// Chance (0...1) that a `GET /v1/…` is answered 503 (a lookup that fails transiently).
    public var probabilityRead503: Double
    /// Delay before a `GET /v1/…` is handled (a lookup that outlasts the client's timeout).
    public var readLatencyMilliseconds: Int
    /// When set, the two read knobs hit only GETs whose path ends with it (`/contacts`, or
    /// `/bookings` for the listing alone); `nil` means every GET.
    public var readFaultPathSuffix: String?
    /// What a listing's `startedAt`/`endedAt` bound; see ``SandboxListingWindow`` for why the
    /// default is `within`.
    public var listingWindow: SandboxListingWindow
    /// Seed of the generator behind every chance and every booking uid; `nil` seeds from the system.
    public var seed: UInt64?

    /// Knobs; each defaults to its no-fault value, and the listing window to `within`.
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
        probabilityRead503: Double = 0,
        readLatencyMilliseconds: Int = 0,
        readFaultPathSuffix: String? = nil,
        listingWindow: SandboxListingWindow = .default,
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
        self.probabilityRead503 = probabilityRead503
        self.readLatencyMilliseconds = readLatencyMilliseconds
        self.readFaultPathSuffix = readFaultPathSuffix
        self.listingWindow = listingWindow
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case rateLimit, rateLimitBurst, retryAfterAsHTTPDate, probability429, retryAfterOn429, probability503
        case latencyMilliseconds, jitterMilliseconds, probabilityDrop, probabilityRead503, readLatencyMilliseconds
        case readFaultPathSuffix, listingWindow, seed
    }

    /// Decodes knobs, taking the default for every missing key.
    public init(from decoder: any Decoder) throws {
        let d = SandboxFaults()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        self.rateLimit = try c.decodeIfPresent(Double.self, forKey: .rateLimit)
        self.rateLimitBurst = try c.decodeIfPresent(Int.self, forKey: .rateLimitBurst)
        self.retryAfterAsHTTPDate = try value(.retryAfterAsHTTPDate, d.retryAfterAsHTTPDate)
        self.probability429 = try value(.probability429, d.probability429)
        self.retryAfterOn429 = try value(.retryAfterOn429, d.retryAfterOn429)
        self.probability503 = try value(.probability503, d.probability503)
        self.latencyMilliseconds = try value(.latencyMilliseconds, d.latencyMilliseconds)
        self.jitterMilliseconds = try value(.jitterMilliseconds, d.jitterMilliseconds)
        self.probabilityDrop = try value(.probabilityDrop, d.probabilityDrop)
        self.probabilityRead503 = try value(.probabilityRead503, d.probabilityRead503)
        self.readLatencyMilliseconds = try value(.readLatencyMilliseconds, d.readLatencyMilliseconds)
        self.readFaultPathSuffix = try c.decodeIfPresent(String.self, forKey: .readFaultPathSuffix)
        self.listingWindow = try value(.listingWindow, d.listingWindow)
        self.seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
    }

    /// Encodes every knob, writing `null` for an absent rate limit, path suffix or seed so that
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
        try c.encode(probabilityRead503, forKey: .probabilityRead503)
        try c.encode(readLatencyMilliseconds, forKey: .readLatencyMilliseconds)
        try c.encode(readFaultPathSuffix, forKey: .readFaultPathSuffix)
        try c.encode(listingWindow, forKey: .listingWindow)
        try c.encode(seed, forKey: .seed)
    }

    /// Problems that make these knobs meaningless, keyed by knob name (empty when valid).
    public var problems: [String: [String]] {
        var problems: [String: [String]] = [:]
        for (key, value) in [
            ("probability429", probability429), ("probability503", probability503),
            ("probabilityDrop", probabilityDrop), ("probabilityRead503", probabilityRead503),
        ] where !(0...1).contains(value) {
            problems[key] = ["must be between 0 and 1"]
        }
        if let rateLimit, !(rateLimit > 0 && rateLimit.isFinite) { problems["rateLimit"] = ["must be positive"] }
        if let rateLimitBurst, rateLimitBurst < 1 { problems["rateLimitBurst"] = ["must be at least 1"] }
        for (key, value) in [
            ("latencyMilliseconds", latencyMilliseconds), ("jitterMilliseconds", jitterMilliseconds),
            ("readLatencyMilliseconds", readLatencyMilliseconds),
        ] where value < 0 {
            problems[key] = ["must not be negative"]
        }
        return problems
    }
}
