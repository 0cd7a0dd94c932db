import Foundation
import Logging
import Testing

@testable import GuestList

/// Reconciliation and conflict lookups through the real loader loop, against a scripted API that reads its
/// listing window each way SPEC §1 leaves open. No network, no SQLite.
@Suite("Slot lookups")
struct SlotLookupLoaderTests {
    static let instant = "2030-06-01T01:00:00.000Z"

    static func limits(concurrency: Int = 2, maxAttempts: Int = 3) -> LoadLimits {
        var l = LoadLimits()
        l.rate = .fixed(1000)
        l.burst = 100
        l.concurrency = concurrency
        l.maxAttempts = maxAttempts
        return l
    }

    static func load(_ api: ScriptedAPI, _ ledger: MemoryLedger, limits: LoadLimits = limits()) async throws -> LoadResult {
        var loader = Loader(limits: limits, api: api, logger: Logger(label: "t"))
        loader.random = FixedRandom(unit: 0)
        return try await loader.load(run: 1, ledger: ledger, stop: StopSignal())
    }

    /// A ledger whose row 1 was in flight when its process died.
    static func uncertainLedger(rows: Int = 1) throws -> MemoryLedger {
        let ledger = MemoryLedger(rows: rows)
        _ = try ledger.commit(run: 1, results: [], starting: [1], at: 0)
        return ledger
    }

    @Test("a dropped answer is reconciled under every reading of the listing's window", arguments: [
        ScriptedAPI.WindowReading.start, .overlap, .within,
    ])
    func droppedUnderEachReading(_ reading: ScriptedAPI.WindowReading) async throws {
        let api = ScriptedAPI(answers: [], reading: reading)
        await api.setCreateThenDrop(1)
        let ledger = MemoryLedger(rows: 1)
        #expect(try await Self.load(api, ledger).end == .finished)
        #expect(await api.posts.count == 1, "found by reconciliation, not sent again")
        #expect(ledger.rows[1]?.status == .created && ledger.rows[1]?.bookingUid == "DROPPED1")
    }

    @Test("a cancelled booking of this guest in the slot does not count: the row is sent")
    func cancelledDoesNotCount() async throws {
        let api = ScriptedAPI(answers: [], bookings: [ScriptedAPI.booking("OLD", "g1@example.com", status: "cancel")])
        let ledger = try Self.uncertainLedger()
        _ = try await Self.load(api, ledger)
        #expect(await api.posts.count == 1)
        #expect(await api.contactCalls == 0)
        #expect(ledger.rows[1]?.bookingUid == "U1")
    }

    @Test("more than a page of bookings in the slot: every page is followed")
    func morePages() async throws {
        let others = (1...150).map { ScriptedAPI.booking("O\($0)", "other\($0)@example.com") }
        let api = ScriptedAPI(answers: [], bookings: others + [ScriptedAPI.booking("MINE", "G1@EXAMPLE.COM")])
        let ledger = try Self.uncertainLedger()
        _ = try await Self.load(api, ledger)
        #expect(await api.listCalls == 2)
        #expect(await api.posts.isEmpty)
        #expect(ledger.rows[1]?.bookingUid == "MINE")
    }

    @Test("another guest's booking in the slot: the uncertain row is sent")
    func otherGuest() async throws {
        let api = ScriptedAPI(answers: [], bookings: [ScriptedAPI.booking("THEIRS", "someone@example.com")])
        let ledger = try Self.uncertainLedger()
        _ = try await Self.load(api, ledger)
        #expect(await api.posts.count == 1)
        #expect(ledger.rows[1]?.status == .created && ledger.rows[1]?.bookingUid == "U1")
    }

    @Test("a contacts call that fails transiently is retried")
    func contactsRetried() async throws {
        // The contacts call meets a 503, then a timeout, before it answers.
        let flaky = ScriptedAPI(answers: [], bookings: [ScriptedAPI.booking("MINE", "g1@example.com")])
        let second = try Self.uncertainLedger()
        await flaky.setFailures(contacts: [APIAnswer(status: 503), APIAnswer(status: nil, transportError: "timeout", mayHaveBeenSent: true)])
        _ = try await Self.load(flaky, second)
        #expect(second.rows[1]?.bookingUid == "MINE")
        #expect(await flaky.posts.isEmpty)
        #expect(await flaky.contactCalls == 3, "two failures, then the answer")
    }

    @Test("a 409 is explained: slotTaken, alreadyBooked under another case, unknown when the lookup keeps timing out")
    func conflictReasons() async throws {
        let api = ScriptedAPI(
            answers: [APIAnswer(status: 409), APIAnswer(status: 409)],
            bookings: [
                ScriptedAPI.booking("THEIRS", "someone@example.com"),
                ScriptedAPI.booking("GUEST2", "G2@Example.com"),
            ])
        let ledger = MemoryLedger(rows: 2)
        _ = try await Self.load(api, ledger, limits: Self.limits(concurrency: 1))
        #expect(ledger.rows[1]?.status == .conflict && ledger.rows[1]?.conflictReason == .slotTaken)
        #expect(ledger.rows[2]?.conflictReason == .alreadyBooked && ledger.rows[2]?.bookingUid == "GUEST2")

        let slow = ScriptedAPI(answers: [APIAnswer(status: 409)])
        let timeout = APIAnswer(status: nil, transportError: "no answer within the request timeout", mayHaveBeenSent: true)
        await slow.setFailures(listing: Array(repeating: timeout, count: 3))
        let third = MemoryLedger(rows: 1)
        #expect(try await Self.load(slow, third, limits: Self.limits(maxAttempts: 3)).end == .finished)
        #expect(third.rows[1]?.status == .conflict && third.rows[1]?.conflictReason == .unknown)
        #expect(third.rows[1]?.error?.contains("request timeout") == true)
    }
}
