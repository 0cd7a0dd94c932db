import Foundation
import Testing

@testable import GuestList

/// The state machine's lookups, stepped with a fake clock: uncertain rows reconciled before any resend, and
/// 409s explained by who holds the slot.
@Suite("LoaderState lookups")
struct LoaderStateLookupTests {
    typealias H = LoaderHarness

    @Test("an uncertain row is reconciled before anything is sent for it: found → created with that uid")
    func uncertainFound() {
        let ledger = MemoryLedger(rows: 2)
        _ = try! ledger.commit(run: 1, results: [], starting: [1], at: 0)  // a process died with row 1 in flight
        var h = H(ledger: ledger, limits: H.limits(concurrency: 2))
        h.start()
        #expect(h.reads.map(\.row) == [1], "a read of the slot first")
        #expect(h.posts.map(\.row.row) == [2], "the other row goes out as usual")
        guard case .list(let query) = h.reads[0].request else {
            Issue.record("expected a listing, got \(h.reads[0].request)")
            return
        }
        // The window holds the instant under any reading of the listing's bounds.
        #expect(query.startedAt == "2030-06-01T00:59:00.000Z" && query.endedAt == "2030-06-02T01:01:00.000Z")
        // The booking's start is written with an offset: compared as an instant, it is the row's.
        h.answerRead(row: 1, H.page([H.booking("OTHER", at: "2030-06-01T02:00:00Z"), H.booking("MINE")]), at: 0.1)
        #expect(h.reads.map(\.request) == [.contacts(bookingUid: "MINE")], "only the booking at the instant is read")
        h.answerRead(row: 1, H.contacts("G1@Example.COM"), at: 0.2)
        h.createAll()
        #expect(h.ended == .finished)
        #expect(h.ledger.rows[1]?.status == .created && h.ledger.rows[1]?.bookingUid == "MINE")
        #expect(h.sentPosts.map(\.row.row) == [2], "row 1 was never sent again")
    }

    @Test("an uncertain row whose booking does not exist is sent again; a cancelled booking does not count")
    func uncertainAbsent() {
        let ledger = MemoryLedger(rows: 1)
        _ = try! ledger.commit(run: 1, results: [], starting: [1], at: 0)
        var h = H(ledger: ledger, limits: H.limits(concurrency: 1))
        h.start()
        h.answerRead(row: 1, H.page([H.booking("CANCELLED", status: "cancel")]), at: 0.1)
        #expect(h.reads.isEmpty, "a cancelled booking's contacts are not even read")
        #expect(h.posts.map(\.row.row) == [1])
        h.createAll()
        #expect(h.ledger.rows[1]?.bookingUid == "U1")
    }

    @Test("a dropped answer makes the row uncertain: reconciled after the backoff, before any resend")
    func dropThenReconcile() {
        var h = H(ledger: MemoryLedger(rows: 1), limits: H.limits(concurrency: 1))
        h.start()
        h.answer(row: 1, H.noAnswer, at: 0.1)
        #expect(h.ledger.attempts(of: 1).first?.outcome == .uncertain)
        while h.reads.isEmpty, let wake = h.wake { h.advance(to: wake) }
        #expect(h.posts.isEmpty && h.reads.count == 1)
        h.answerRead(row: 1, H.page([H.booking("B1")]))
        h.answerRead(row: 1, H.contacts("g1@example.com"))
        #expect(h.ended == .finished)
        #expect(h.ledger.rows[1]?.bookingUid == "B1" && h.sentPosts.count == 1)
    }

    @Test("reconciliation follows every page and retries a contacts call that fails transiently")
    func pagesAndTransientContacts() {
        let ledger = MemoryLedger(rows: 1)
        _ = try! ledger.commit(run: 1, results: [], starting: [1], at: 0)
        var h = H(ledger: ledger, limits: H.limits(concurrency: 1, maxAttempts: 3))
        h.start()
        h.answerRead(row: 1, H.page((1...100).map { H.booking("P1-\($0)", at: "2030-06-01T03:00:00.000Z") }, next: 2))
        h.answerRead(row: 1, H.page([H.booking("P2-1")], next: nil))
        #expect(h.reads.map(\.request) == [.contacts(bookingUid: "P2-1")])
        h.answerRead(row: 1, .contacts(.failed(H.status(503))))
        while h.reads.isEmpty, let wake = h.wake { h.advance(to: wake) }
        #expect(h.reads.map(\.request) == [.contacts(bookingUid: "P2-1")], "the same read again after a backoff")
        h.answerRead(row: 1, H.contacts("g1@example.com"))
        #expect(h.ended == .finished && h.ledger.rows[1]?.bookingUid == "P2-1")
        #expect(h.sentPosts.isEmpty)
    }

    @Test("a reconciliation that cannot be made leaves the row pending and uncertain: never sent blindly")
    func reconciliationFails() {
        let ledger = MemoryLedger(rows: 2)
        _ = try! ledger.commit(run: 1, results: [], starting: [1], at: 0)
        var h = H(ledger: ledger, limits: H.limits(concurrency: 2, maxAttempts: 2))
        h.start()
        h.answerRead(row: 1, .listed(.failed(H.status(500))))
        while h.reads.isEmpty, let wake = h.wake { h.advance(to: wake) }
        h.answerRead(row: 1, .listed(.failed(H.status(502))))
        h.createAll()
        #expect(h.ended == .finished)
        #expect(h.state.unresolved == 1)
        #expect(h.ledger.rows[1]?.status == .pending && !h.sentPosts.contains { $0.row.row == 1 })
        #expect(h.ledger.rows[1]?.error?.contains("could not be checked") == true)
        #expect(try! h.ledger.pendingRows(run: 1, after: 0, limit: 10).first?.uncertain == true, "the next run reconciles it again")
    }

    @Test("a 409 is looked up: another guest's live booking → slotTaken; the row settles only then")
    func conflictSlotTaken() {
        var h = H(ledger: MemoryLedger(rows: 1), limits: H.limits(concurrency: 1))
        h.start()
        h.answer(row: 1, H.status(409, body: #"{"errors":{"message":["This slot is full"]}}"#), at: 0.1)
        #expect(h.ledger.rows[1]?.status == .pending, "pending until the lookup: a kill now leads to a lookup, not a resend")
        #expect(try! h.ledger.pendingRows(run: 1, after: 0, limit: 1).first?.conflictPending == true)
        h.answerRead(row: 1, H.page([H.booking("MINE-CANCELLED", status: "cancel"), H.booking("THEIRS", status: "request")]))
        h.answerRead(row: 1, H.contacts("someone@example.com"))
        #expect(h.ended == .finished)
        let row = h.ledger.rows[1]!
        #expect(row.status == .conflict && row.conflictReason == .slotTaken && row.bookingUid == nil)
        #expect(row.error?.hasPrefix("Slot taken: other guests' bookings hold this time") == true)
        #expect(row.error?.hasSuffix("(Conflict: This slot is full).") == true, "the API's own message is kept")
        #expect(h.sentPosts.count == 1)
    }

    @Test("a 409 for a guest booked under a differently-cased email → alreadyBooked with that booking's uid")
    func conflictAlreadyBooked() {
        var h = H(ledger: MemoryLedger(rows: 1), limits: H.limits(concurrency: 1))
        h.start()
        h.answer(row: 1, H.status(409), at: 0.1)
        h.answerRead(row: 1, H.page([H.booking("THEIRS"), H.booking("GUEST")]))
        // Contacts are read newest listed first until the guest is found.
        while let read = h.reads.first {
            let guest = read.request == .contacts(bookingUid: "GUEST")
            h.answerRead(row: 1, guest ? H.contacts(" G1@EXAMPLE.com ") : H.contacts("other@example.com"))
        }
        let row = h.ledger.rows[1]!
        #expect(row.status == .conflict && row.conflictReason == .alreadyBooked && row.bookingUid == "GUEST")
    }

    @Test("a 409 after an uncertain attempt whose booking is found: created with that uid, not a conflict")
    func conflictAfterUncertain() {
        var h = H(ledger: MemoryLedger(rows: 1), limits: H.limits(concurrency: 1))
        h.start()
        h.answer(row: 1, H.noAnswer, at: 0.1)
        while h.reads.isEmpty, let wake = h.wake { h.advance(to: wake) }
        // The listing does not show it yet (a slow index, say): the row is sent again and runs into its own booking.
        h.answerRead(row: 1, H.page([]))
        h.answer(row: 1, H.status(409), at: h.now + 0.1)
        h.answerRead(row: 1, H.page([H.booking("OURS")]))
        h.answerRead(row: 1, H.contacts("g1@example.com"))
        let row = h.ledger.rows[1]!
        #expect(row.status == .created && row.bookingUid == "OURS" && row.conflictReason == nil)
    }

    @Test("a 409 whose lookup fails settles as conflict/unknown; one that finds nobody too")
    func conflictUnknown() {
        var h = H(ledger: MemoryLedger(rows: 2), limits: H.limits(concurrency: 2, maxAttempts: 2))
        h.start()
        h.answer(row: 1, H.status(409), at: 0.1)
        h.answer(row: 2, H.status(409), at: 0.1)
        h.answerRead(row: 1, H.page([]))
        h.answerRead(row: 2, .listed(.failed(APIAnswer(status: nil, transportError: "no answer within the request timeout"))))
        while h.reads.isEmpty, let wake = h.wake { h.advance(to: wake) }
        h.answerRead(row: 2, .listed(.failed(APIAnswer(status: nil, transportError: "no answer within the request timeout"))))
        #expect(h.ended == .finished)
        #expect(h.ledger.rows[1]?.conflictReason == .unknown && h.ledger.rows[2]?.conflictReason == .unknown)
        #expect(h.ledger.rows[2]?.error?.contains("could not be looked up") == true)
    }

    @Test("a conflict found pending in the ledger (the process died before its lookup) is looked up, not sent")
    func conflictPendingFromLedger() {
        let ledger = MemoryLedger(rows: 1)
        let ids = try! ledger.commit(run: 1, results: [], starting: [1], at: 0)
        _ = try! ledger.commit(
            run: 1,
            results: [
                AttemptResult(
                    attemptID: ids[0], row: 1, finishedAt: 1, httpStatus: 409, error: "Conflict: full", status: nil, bookingUid: nil,
                    transient: false, uncertain: false)
            ], starting: [], at: 1)
        var h = H(ledger: ledger, limits: H.limits(concurrency: 1))
        h.start()
        #expect(h.posts.isEmpty && h.reads.count == 1)
        h.answerRead(row: 1, H.page([H.booking("X")]))
        h.answerRead(row: 1, H.contacts("x@example.com"))
        #expect(h.ledger.rows[1]?.conflictReason == .slotTaken && h.ledger.rows[1]?.error?.hasSuffix("(Conflict: full).") == true)
    }

    @Test("a stop during a lookup: no further read starts; the read out is used if it comes in time")
    func stopDuringLookup() {
        let ledger = MemoryLedger(rows: 1)
        _ = try! ledger.commit(run: 1, results: [], starting: [1], at: 0)
        var h = H(ledger: ledger, limits: H.limits(concurrency: 1))
        h.start()
        h.now = 0.05
        h.step(.stop)
        h.answerRead(row: 1, H.page([H.booking("B")]), at: 0.1)
        #expect(h.reads.isEmpty, "the contacts read does not start")
        #expect(h.ended == .interrupted)
        #expect(h.ledger.rows[1]?.status == .pending)
    }
}
