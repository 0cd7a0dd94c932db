import Foundation

/// When to try again after a transient failure or a 429 (SPEC §4, sending rules).
///
/// Backoff is exponential with full jitter: the n-th consecutive delay (n ≥ 1) is drawn uniformly from
/// [0, min(cap, base · 2^(n−1))], with base 0.5 s and cap 30 s. A 429 with `Retry-After` waits exactly
/// that long instead (seconds or an HTTP date); `Retry-After: 0` or a date in the past still waits a
/// floor of 50 ms so the loader never spins.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var base: Double = 0.5
    public var cap: Double = 30
    public var floor: Double = 0.05

    public init(maxAttempts: Int) {
        self.maxAttempts = maxAttempts
    }

    /// The delay before the next try after `consecutive` failures in a row; `unit` is a uniform draw in [0, 1).
    public func backoff(consecutive: Int, unit: Double) -> Double {
        let exponent = Double(max(0, min(consecutive - 1, 30)))
        let ceiling = min(cap, base * pow(2, exponent))
        return max(floor, ceiling * unit)
    }

    /// How long a 429 pauses the loader.
    public func throttleDelay(retryAfter: String?, consecutive: Int, unit: Double, now: Date) -> Double {
        if let header = retryAfter, let seconds = Self.parseRetryAfter(header, now: now) {
            return min(cap * 4, max(floor, seconds))
        }
        return backoff(consecutive: consecutive, unit: unit)
    }

    /// Whether a row that has used `transientAttempts` may be tried again.
    public func mayRetry(transientAttempts: Int) -> Bool { transientAttempts < maxAttempts }

    /// `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
    public static func parseRetryAfter(_ header: String, now: Date) -> Double? {
        let text = header.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(text), seconds.isFinite { return max(0, seconds) }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "GMT")
            f.dateFormat = format
            if let date = f.date(from: text) { return max(0, date.timeIntervalSince(now)) }
        }
        return nil
    }
}
