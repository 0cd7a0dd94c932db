import Testing

@testable import GuestList

/// The token bucket, driven by a fake clock: no sleeping, no network.
@Suite("RateLimiter")
struct RateLimiterTests {
    /// Sends as fast as the limiter allows from t=0 and returns the start times.
    static func schedule(requests: Int, rate: Double, burst: Int) -> [Double] {
        var limiter = RateLimiter(rate: rate, burst: burst, now: 0)
        var now = 0.0
        var starts: [Double] = []
        while starts.count < requests {
            if limiter.tryAcquire(now: now) {
                starts.append(now)
            } else {
                now = limiter.nextAvailable(now: now)
            }
        }
        return starts
    }

    @Test("N requests at rate R with burst B take (N − B) / R seconds", arguments: [(300, 50.0, 50), (100, 5.0, 5), (20, 2.0, 1), (1000, 10.0, 3)])
    func totalDuration(_ n: Int, _ rate: Double, _ burst: Int) {
        let starts = Self.schedule(requests: n, rate: rate, burst: burst)
        let expected = Double(n - burst) / rate
        #expect(abs(starts.last! - expected) < 1e-6, "last start \(starts.last!) vs \(expected)")
    }

    @Test("over any one-second window at most burst + rate requests start", arguments: [(300, 50.0, 50), (200, 7.0, 3)])
    func windowBound(_ n: Int, _ rate: Double, _ burst: Int) {
        let starts = Self.schedule(requests: n, rate: rate, burst: burst)
        for (i, t) in starts.enumerated() {
            let inWindow = starts[i...].prefix { $0 < t + 1.0 - 1e-9 }.count
            #expect(Double(inWindow) <= Double(burst) + rate + 1e-9)
        }
    }

    @Test("a 429 pauses everything until the pause ends and cuts the rate, never below a tenth")
    func throttle() {
        var limiter = RateLimiter(rate: 10, burst: 10, now: 0)
        limiter.throttled(now: 1, until: 3)
        let acquired = limiter.tryAcquire(now: 2.9)
        #expect(!acquired)
        let next = limiter.nextAvailable(now: 2.9)
        #expect(next >= 3)
        #expect(limiter.rate == 7)
        for _ in 0..<50 { limiter.throttled(now: 3, until: 3) }
        #expect(limiter.rate == 1, "the floor is a tenth of limits.rate")
        for _ in 0..<100 { limiter.succeeded() }
        #expect(limiter.rate == 10, "and it recovers to the configured rate")
    }
}

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test("full jitter: the delay lies in [0, min(30, 0.5·2^(n−1))]", arguments: 1...12)
    func backoffBounds(_ n: Int) {
        let policy = RetryPolicy(maxAttempts: 5)
        let ceiling = min(30, 0.5 * Double(1 << (n - 1)))
        #expect(abs(policy.backoff(consecutive: n, unit: 0.999_999) - ceiling) < 1e-3)
        #expect(policy.backoff(consecutive: n, unit: 0) == policy.floor, "never zero: no spinning")
    }

    @Test("Retry-After in seconds and as an HTTP date")
    func retryAfter() {
        let now = Date(timeIntervalSince1970: 1_900_000_000)
        #expect(RetryPolicy.parseRetryAfter("7", now: now) == 7)
        #expect(RetryPolicy.parseRetryAfter(" 0 ", now: now) == 0)
        let date = RetryPolicy.parseRetryAfter("Sun, 17 Mar 2030 17:46:50 GMT", now: now)
        #expect(date.map { abs($0 - 10) < 0.001 } == true, "\(String(describing: date))")
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
        let policy = RetryPolicy(maxAttempts: 3)
        #expect(policy.throttleDelay(retryAfter: "0", consecutive: 1, unit: 0.5, now: now) == policy.floor)
        #expect(policy.throttleDelay(retryAfter: "2", consecutive: 9, unit: 0.5, now: now) == 2)
    }

    @Test("what each answer means", arguments: [
        (201, #"{"data":{"uid":"abc"}}"#, "created"), (409, "{}", "conflict"), (422, #"{"errors":{"email":["bad"]}}"#, "rejected"),
        (400, "not json", "rejected"), (401, "{}", "unauthorized"), (403, "{}", "unauthorized"), (429, "{}", "throttled"),
        (503, "{}", "transient"), (502, "{}", "uncertain"), (201, "{}", "uncertain"),
    ])
    func classification(_ status: Int, _ body: String, _ kind: String) {
        let outcome = SendOutcome(APIAnswer(status: status, body: Array(body.utf8)))
        switch (outcome, kind) {
        case (.created(let uid), "created"): #expect(uid == "abc")
        case (.conflict, "conflict"), (.rejected, "rejected"), (.unauthorized, "unauthorized"), (.throttled, "throttled"): break
        case (.transient(_, _, false), "transient"), (.transient(_, _, true), "uncertain"): break
        default: Issue.record("HTTP \(status) → \(outcome), expected \(kind)")
        }
    }

    @Test("no answer: uncertain if it may have been sent, unreachable if nothing connected")
    func noAnswer() {
        #expect(SendOutcome(APIAnswer(status: nil, transportError: "reset", mayHaveBeenSent: true)) == .transient(status: nil, message: "reset", uncertain: true))
        #expect(SendOutcome(APIAnswer(status: nil, transportError: "refused", mayHaveBeenSent: false)) == .unreachable(message: "refused"))
    }
}

import Foundation
