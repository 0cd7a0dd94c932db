import Foundation

/// The loader's limits (SPEC §2 `limits:`): how fast, how many at once, how persistent, how patient.
///
/// They belong to the load stage; the pipeline file only reads them (`PipelineFile.limits`).
public struct LoadLimits: Sendable, Equatable {
    /// Requests per second, sustained: a fixed figure or `auto`.
    public var rate: RateSetting = .fixed(5)
    /// The token bucket's size for a fixed rate (default: the rate, rounded up). `rate: auto` sizes its bucket
    /// to one second at the rate it has reached instead.
    public var burst: Int = 5
    /// Requests in flight at once, reads included.
    public var concurrency: Int = 4
    /// Tries per row for transient errors, and consecutive tries before the API counts as unreachable.
    public var maxAttempts: Int = 5
    /// Seconds.
    public var connectTimeout: Double = 10
    /// Seconds per attempt.
    public var requestTimeout: Double = 30

    public init() {}
}

/// `limits.rate` and `--rate`: a number of requests per second, or `auto`.
public enum RateSetting: Sendable, Equatable, CustomStringConvertible {
    /// At most this many per second; lowered on 429s (never below a tenth) and raised back as answers succeed.
    case fixed(Double)
    /// Start at `AutoRate.initialRate` per second and find the API's limit (see `AutoRate`).
    case auto

    /// `auto` (any case), or a positive finite number; nil otherwise.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "auto" {
            self = .auto
        } else if let value = Double(trimmed), value.isFinite, value > 0 {
            self = .fixed(value)
        } else {
            return nil
        }
    }

    /// The figure a fixed rate names, or the rate `auto` starts at: what sizes a default burst.
    public var startingRate: Double {
        switch self {
        case .fixed(let rate): rate
        case .auto: AutoRate.initialRate
        }
    }

    public var description: String {
        switch self {
        case .fixed(let rate): rate == rate.rounded() ? String(Int(rate)) : String(rate)
        case .auto: "auto"
        }
    }
}
