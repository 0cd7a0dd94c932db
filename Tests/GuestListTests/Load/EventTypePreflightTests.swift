import Foundation
import Testing

@testable import GuestList

/// `EventTypePreflight`: the loader's retry rules before sending, and a prompt stop.
@Suite("EventTypePreflight")
struct EventTypePreflightTests {
    actor Script: BookingAPI {
        var answers: [ReadAnswer<Bool>]
        var calls = 0
        let hang: Bool
        /// Fired during the first call: a stop that lands while a request is out.
        let stopOnCall: StopSignal?

        init(_ answers: [ReadAnswer<Bool>], hang: Bool = false, stopOnCall: StopSignal? = nil) {
            self.answers = answers
            self.hang = hang
            self.stopOnCall = stopOnCall
        }

        func eventTypeExists(uid: String) async -> ReadAnswer<Bool> {
            calls += 1
            if calls == 1 { stopOnCall?.fire() }
            if hang { try? await Task.sleep(nanoseconds: 60_000_000_000) }
            return answers.isEmpty ? .value(true) : answers.removeFirst()
        }

        nonisolated func createBooking(json: String) async -> APIAnswer { APIAnswer(status: 500) }
        nonisolated func listBookings(_ query: BookingQuery) async -> ReadAnswer<BookingPage> { .failed(APIAnswer(status: 500)) }
        nonisolated func contacts(bookingUid: String) async -> ReadAnswer<[BookingContact]> { .failed(APIAnswer(status: 500)) }
    }

    static func limits(maxAttempts: Int) -> LoadLimits {
        var l = LoadLimits()
        l.maxAttempts = maxAttempts
        return l
    }

    static let refused = ReadAnswer<Bool>.failed(APIAnswer(status: nil, transportError: "could not connect", mayHaveBeenSent: false))

    @Test("each id once; a 404 names the missing one")
    func missing() async {
        let api = Script([.value(true), .value(false)])
        let verdict = await EventTypePreflight(api: api, limits: Self.limits(maxAttempts: 3)).check(["a", "a", "b", "c"], stop: StopSignal())
        #expect(verdict == .missing("b"))
        #expect(await api.calls == 2)
    }

    @Test("nothing connecting is tried maxAttempts times with the loader's backoff, then the API is unreachable")
    func unreachable() async {
        let api = Script(Array(repeating: Self.refused, count: 5))
        let verdict = await EventTypePreflight(api: api, limits: Self.limits(maxAttempts: 3), random: FixedRandom(unit: 0))
            .check(["a"], stop: StopSignal())
        guard case .stopped(.unreachable(let message)) = verdict else {
            Issue.record("\(verdict)")
            return
        }
        #expect(message.contains("3 tries"))
        #expect(await api.calls == 3)
    }

    @Test("a transient failure, then success; a 401 stops as unauthorized")
    func transientThenOK() async {
        let api = Script([.failed(APIAnswer(status: 503)), .value(true)])
        #expect(await EventTypePreflight(api: api, limits: Self.limits(maxAttempts: 3), random: FixedRandom(unit: 0)).check(["a"], stop: StopSignal()) == .allExist)
        let refused = Script([.failed(APIAnswer(status: 401, body: Array(#"{"errors":{"message":"bad key"}}"#.utf8)))])
        let verdict = await EventTypePreflight(api: refused, limits: Self.limits(maxAttempts: 3)).check(["a"], stop: StopSignal())
        #expect(verdict == .stopped(.unauthorized("The API refused the key (HTTP 401): bad key")))
    }

    @Test("a stop ends it promptly, in a backoff or in a request that hangs")
    func stop() async {
        // The stop lands during the first request, which is refused: the backoff that follows (up to 0.5 s, then
        // 1, 2, 4 s with this jitter) gives way at once.
        let stop = StopSignal()
        let backingOff = Script(Array(repeating: Self.refused, count: 5), stopOnCall: stop)
        let started = ContinuousClock.now
        let preflight = EventTypePreflight(api: backingOff, limits: Self.limits(maxAttempts: 5), random: FixedRandom(unit: 0.999))
        #expect(await preflight.check(["a"], stop: stop) == .stopped(.interrupted))
        #expect(await backingOff.calls == 1)
        // The stop lands while a request hangs: the request is abandoned.
        let second = StopSignal()
        let hanging = Script([], hang: true, stopOnCall: second)
        #expect(await EventTypePreflight(api: hanging, limits: Self.limits(maxAttempts: 5)).check(["a"], stop: second) == .stopped(.interrupted))
        #expect(ContinuousClock.now - started < .seconds(30), "neither the 7.5 s of backoff nor the 60 s request were waited out")
        #expect(await EventTypePreflight(api: hanging, limits: Self.limits(maxAttempts: 5)).check(["a"], stop: second) == .stopped(.interrupted), "fired already: returns at once")
        #expect(await hanging.calls == 1)
    }
}
