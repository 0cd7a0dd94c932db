import Foundation
import Testing

@testable import GuestList

/// `rate: auto`: parsing and the controller, driven by a fake clock.
@Suite("rate: auto")
struct AutoRateTests {
    @Test("limits.rate and --rate take a number or auto", arguments: [
        ("5", RateSetting.fixed(5)), ("0.5", .fixed(0.5)), ("auto", .auto), (" AUTO ", .auto),
    ])
    func parsing(_ text: String, _ expected: RateSetting) {
        #expect(RateSetting(parsing: text) == expected)
    }

    @Test("nonsense, zero and negative rates are refused", arguments: ["", "fast", "0", "-3", "inf", "nan"])
    func refused(_ text: String) {
        #expect(RateSetting(parsing: text) == nil)
    }

    @Test("a pipeline's `rate: auto` is read; burst keeps its default; a bad rate names the key and line")
    func pipeline() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("auto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let base = "source:\n  path: g.csv\ncolumns:\n  name: Name\n  email: Email\n  startedAt: Start\n  timeZone: Zone\ndefaults:\n  eventTypeId: ev\nlimits:\n"
        try "Name,Email,Start,Zone\n".write(to: folder.appendingPathComponent("g.csv"), atomically: true, encoding: .utf8)
        let auto = folder.appendingPathComponent("auto.yml")
        try (base + "  rate: auto\n  concurrency: 8\n").write(to: auto, atomically: true, encoding: .utf8)
        let file = try PipelineFile.load(from: auto)
        #expect(file.limits.rate == .auto && file.limits.concurrency == 8 && file.limits.burst == 5)
        let bad = folder.appendingPathComponent("bad.yml")
        try (base + "  rate: sometimes\n").write(to: bad, atomically: true, encoding: .utf8)
        #expect {
            try PipelineFile.load(from: bad)
        } throws: { error in
            let e = error as? GuestListError
            return e?.code == .pipeline && e?.message.contains("limits.rate") == true && e?.message.contains("auto") == true
                && e?.message.contains("bad.yml:11") == true
        }
    }

    @Test("slow start grows e-fold per quarter second of successes; the first 429 falls to what the API let through")
    func slowStartThenCut() {
        var rate = AutoRate()
        rate.sending(now: 0)
        var now = 0.0
        var successes = 0
        // A server taking 20/s with a bucket of 20: the client succeeds until it has sent 20 + 20·t.
        while Double(successes) < 20 + 20 * now {
            now += 1 / rate.rate
            rate.succeeded(now: now, rateBound: true)
            successes += 1
        }
        #expect(rate.slowStart && rate.rate > 40)
        let cut = rate.throttled(now: now, sentAt: now)
        #expect(cut && !rate.slowStart)
        #expect(abs(rate.rate - Double(successes) / now) < 0.01, "S/T = \(Double(successes) / now), got \(rate.rate)")
        #expect(rate.rate > 20 && rate.rate < 50)
        #expect(now < 1.5, "the limit is found within a second and a half")
    }

    @Test("after slow start: additive increase of 2 % of the cut rate per second; decrease by 0.85, or to what got through (at most 0.85² at once), once per episode")
    func aimd() {
        var rate = AutoRate()
        rate.sending(now: 0)
        rate.throttled(now: 0.2, sentAt: 0.1)  // too early to measure: β·r
        #expect(abs(rate.rate - 5 * 0.85) < 1e-9)
        let cut = rate.rate
        // One second of successes at the current rate adds about 2 % of the cut rate.
        var now = 1.0
        for _ in 0..<Int(cut.rounded()) {
            rate.succeeded(now: now, rateBound: true)
        }
        #expect(abs(rate.rate - cut * 1.02) < 0.01)
        // While something else than the rate holds requests back, it does not grow.
        let before = rate.rate
        rate.succeeded(now: now, rateBound: false)
        #expect(rate.rate == before)
        // The API let more through since the last cut than β·r: the cut is β·r.
        for _ in 0..<20 { rate.succeeded(now: now, rateBound: false) }
        // A 429 for a request sent before the last cut is the same event.
        now = 2
        let cutAgain = rate.throttled(now: now, sentAt: 1.5)
        let after = rate.rate
        let sameEpisode = rate.throttled(now: 2.1, sentAt: 1.9)
        #expect(cutAgain && !sameEpisode)
        #expect(rate.rate == after && abs(after - before * 0.85) < 1e-9)
        // It let through less than β·r (an overshoot, measured across the pause): the cut follows, down to β² at once.
        for _ in 0..<3 { rate.succeeded(now: 2.5, rateBound: false) }
        let measured = 3 / (3.0 - 2)
        rate.throttled(now: 3, sentAt: 2.5)
        #expect(abs(rate.rate - max(0.85 * 0.85 * after, min(0.85 * after, measured))) < 1e-9)
        for _ in 0..<100 {
            rate.throttled(now: now, sentAt: now)
            now += 1
        }
        #expect(rate.rate == rate.minRate && rate.minRate == 0.5)
    }

    @Test("the auto limiter's bucket is one second at the current rate, and refills during a 429's pause")
    func limiterRefillsDuringPause() {
        var limiter = RateLimiter(auto: AutoRate(), now: 0)
        var sent = 0
        while limiter.tryAcquire(now: 0) { sent += 1 }
        #expect(sent == 5)
        limiter.throttled(now: 0.1, until: 1.1, sentAt: 0)
        let during = limiter.tryAcquire(now: 1.0)
        let next = limiter.nextAvailable(now: 1.0)
        #expect(!during && next == 1.1)
        var after = 0
        while limiter.tryAcquire(now: 1.1) { after += 1 }
        #expect(after == 4, "a second at 0.85·5/s accrued during the pause, so the API's own refill is not wasted")
    }
}
