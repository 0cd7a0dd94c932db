import Foundation
import Testing

@testable import GuestList

/// The loader's state machine stepped with a fake clock: no SQLite, no network, no sleeping.
@Suite("LoaderState")
struct LoaderStateTests {
    typealias H = LoaderHarness

    @Test("attempts are recorded before their requests leave, and the first answers free slots for primed rows")
    func priming() {
        var h = H(ledger: MemoryLedger(rows: 5), limits: H.limits(concurrency: 2))
        h.start()
        #expect(h.posts.map(\.row.row) == [1, 2])
        #expect(h.ledger.commits.first?.starting == [1, 2], "their attempts were committed before they left")
        #expect(h.posts.map(\.attemptID) == h.ledger.attempts.map(\.id))
        // The next tick primes rows 3 and 4: recorded as started while 1 and 2 are out.
        h.answer(row: 1, H.created("U1"), at: 0.01)
        #expect(h.ledger.commits.last?.starting.sorted() == [3, 4] || h.posts.map(\.row.row) == [2, 3])
        h.createAll()
        #expect(h.ended == .finished)
        #expect(h.ledger.rows.values.allSatisfy { $0.status == .created })
        #expect(h.sentPosts.count == 5 && Set(h.sentPosts.map(\.row.row)).count == 5)
        #expect(h.ledger.attempts.count == 5, "no attempt abandoned or doubled")
    }

    @Test("answers that land together share one commit")
    func groupCommit() {
        var h = H(ledger: MemoryLedger(rows: 8), limits: H.limits(rate: 1000, burst: 1000, concurrency: 4))
        h.start()
        #expect(h.posts.count == 4)
        let commitsBefore = h.ledger.commits.count
        // Three answers taken in one batch, then the loop's tick.
        for row in [1, 2, 3] {
            let post = h.posts.removeFirst()
            #expect(post.row.row == row)
            h.step(.answered(post, H.created("U\(row)"), SendOutcome(H.created("U\(row)"))))
        }
        h.step(.tick)
        let commit = h.ledger.commits[commitsBefore]
        #expect(commit.results.map(\.row) == [1, 2, 3], "one commit for the three answers")
        #expect(h.ledger.commits.count == commitsBefore + 1 || h.ledger.commits[commitsBefore + 1].results.isEmpty)
    }

    @Test("with syncs off the coordinator: no request leaves before its attempt's sync, one commit waits for the last, and a stop ends once the ids are back, abandoning them")
    func deferredSyncs() {
        var h = H(ledger: MemoryLedger(rows: 6), limits: H.limits(rate: 1000, burst: 100, concurrency: 2))
        h.holdRecorded = true
        h.start()
        #expect(h.posts.isEmpty && h.heldRecorded.count == 1, "rows 1 and 2 are committed; nothing leaves before the sync")
        h.deliverRecorded()
        #expect(h.posts.map(\.row.row) == [1, 2])
        #expect(h.ledger.commits.last?.starting == [3, 4] && h.heldRecorded.count == 1, "rows 3 and 4 primed for the next slots")
        let commits = h.ledger.commits.count
        h.answer(row: 1, H.created("U1"))
        h.answer(row: 2, H.created("U2"))
        #expect(h.posts.isEmpty, "rows 3 and 4 wait for their sync")
        #expect(h.ledger.commits.count == commits, "the outcomes wait for the next commit, after the sync")
        h.now = 0.1
        h.step(.stop)
        #expect(h.ended == nil, "the commit's ids are on their way")
        h.deliverRecorded()
        #expect(h.ended == .interrupted)
        #expect(h.posts.isEmpty && h.ledger.abandoned.count == 2)
        #expect(h.ledger.rows[1]?.status == .created && h.ledger.rows[2]?.status == .created, "the outcomes that waited were committed at the end")
    }

    @Test("a 429 storm with Retry-After in seconds: nothing starts during the pause, the rate falls to a tenth at most, 429s use no attempts")
    func throttleStormSeconds() {
        var h = H(ledger: MemoryLedger(rows: 3), limits: H.limits(rate: 10, burst: 10, concurrency: 2))
        h.start()
        h.answer(row: 1, H.status(429, retryAfter: "2"), at: 0.1)
        h.answer(row: 2, H.status(429, retryAfter: "2"), at: 0.2)
        #expect(h.posts.isEmpty)
        #expect(h.state.limiter.rate < 10)
        h.advance(to: 1.0)
        h.advance(to: 2.19)
        #expect(h.posts.isEmpty, "the pause holds until Retry-After has passed for the last 429")
        #expect((h.wake ?? 0) >= 2.2)
        // More 429s, each honoured; the rate never falls below a tenth of limits.rate.
        for _ in 0..<12 {
            while h.posts.isEmpty, let wake = h.wake { h.advance(to: wake) }
            let post = h.posts[0]
            h.answer(row: post.row.row, H.status(429, retryAfter: "1"), at: h.now + 0.01)
            #expect(h.posts.isEmpty || h.posts.allSatisfy { $0.sentAt < h.now }, "nothing new leaves after a 429")
        }
        #expect(h.state.limiter.rate == 1)
        h.createAll()
        #expect(h.ended == .finished)
        #expect(h.ledger.rows.values.allSatisfy { $0.status == .created && $0.transientAttempts == 0 })
        #expect(h.ledger.attempts.filter { $0.outcome == .throttled }.count == 14)
    }

    @Test("Retry-After as an HTTP date waits until that date")
    func throttleHTTPDate() {
        // The harness's wall clock reads 1,900,000,000 s at t = 0; the date is ten seconds later.
        var h = H(ledger: MemoryLedger(rows: 1), limits: H.limits(concurrency: 1))
        h.start()
        h.answer(row: 1, H.status(429, retryAfter: "Sun, 17 Mar 2030 17:46:50 GMT"), at: 0)
        h.advance(to: 9.9)
        #expect(h.posts.isEmpty)
        #expect((h.wake ?? 0) >= 10)
        h.createAll()
        #expect(h.sentPosts.count == 2 && h.sentPosts[1].sentAt >= 10)
        #expect(h.ended == .finished)
    }

    @Test("a 401 mid-run: no new request starts, the answers already out are still recorded, the rest stay pending")
    func unauthorizedMidRun() {
        var h = H(ledger: MemoryLedger(rows: 6), limits: H.limits(concurrency: 3))
        h.start()
        #expect(h.posts.map(\.row.row) == [1, 2, 3])
        // Row 1's answer frees a slot for row 4; rows 5 and 6 are primed for the next ones.
        h.answer(row: 1, H.created("U1"), at: 0.05)
        #expect(h.posts.map(\.row.row) == [2, 3, 4])
        h.answer(row: 2, H.status(401, body: #"{"errors":{"message":"bad key"}}"#), at: 0.1)
        h.answer(row: 3, H.created("U3"), at: 0.2)
        #expect(h.posts.map(\.row.row) == [4], "the slots freed by answers stay empty")
        #expect(h.graceOver == 5.1)
        h.answer(row: 4, H.created("U4"), at: 0.3)
        guard case .unauthorized(let message) = h.ended else {
            Issue.record("ended \(String(describing: h.ended))")
            return
        }
        #expect(message.contains("401") && message.contains("bad key"))
        #expect(h.sentPosts.count == 4)
        let statuses = (1...6).map { h.ledger.rows[$0]!.status }
        #expect(statuses == [.created, .pending, .created, .created, .pending, .pending])
        #expect(h.ledger.abandoned.count == 2, "rows 5 and 6 were primed and never left: their attempts are deleted")
        #expect(h.ledger.attempts.allSatisfy { $0.finished })
    }

    @Test("an unreachable API: the run stops after maxAttempts connect failures in a row; rows stay pending, attempts unused")
    func unreachable() {
        var h = H(ledger: MemoryLedger(rows: 3), limits: H.limits(concurrency: 1, maxAttempts: 3))
        h.start()
        for _ in 0..<3 {
            while h.posts.isEmpty, h.ended == nil, let wake = h.wake { h.advance(to: wake) }
            guard let post = h.posts.first else { break }
            h.answer(row: post.row.row, H.refused, at: h.now + 0.01)
        }
        guard case .unreachable(let message) = h.ended else {
            Issue.record("ended \(String(describing: h.ended))")
            return
        }
        #expect(message.contains("3 tries") && message.contains("127.0.0.1:9"))
        #expect(h.ledger.rows.values.allSatisfy { $0.status == .pending && $0.transientAttempts == 0 })
        #expect(h.ledger.attempts.filter { $0.outcome == .unreachable }.count == 3)
        #expect(h.ledger.attempts.allSatisfy { $0.finished })
    }

    @Test("a stop during backoff ends at once as interrupted; nothing more is sent")
    func stopDuringBackoff() {
        var h = H(ledger: MemoryLedger(rows: 1), limits: H.limits(concurrency: 1, maxAttempts: 5))
        h.start()
        h.answer(row: 1, H.status(503, body: "down"), at: 0.01)
        #expect(h.posts.isEmpty && h.wake != nil, "backing off")
        let sent = h.sentPosts.count
        h.now = 0.02
        h.step(.stop)
        #expect(h.ended == .interrupted)
        h.advance(to: 60)
        #expect(h.sentPosts.count == sent)
        #expect(h.ledger.rows.values.allSatisfy { $0.status == .pending })
        #expect(h.ledger.rows[1]?.transientAttempts == 1)
    }

    @Test("a stop with requests out waits for their answers up to the grace period, then abandons them")
    func stopWithRequestsOut() {
        var h = H(ledger: MemoryLedger(rows: 4), limits: H.limits(concurrency: 2))
        h.start()
        h.now = 0.1
        h.step(.stop)
        #expect(h.ended == nil)
        #expect(h.graceOver == 5.1)
        h.answer(row: 1, H.created("U1"), at: 0.2)
        #expect(h.posts.map(\.row.row) == [2], "no new request after the stop")
        h.now = 5.1
        h.step(.graceOver)
        #expect(h.ended == .interrupted)
        #expect(h.ledger.rows[1]?.status == .created, "the answer that came in time is recorded")
        #expect(h.ledger.attempts(of: 2).first?.finished == false, "row 2's attempt stays open: the next run reconciles it")
    }

    @Test("a 429 on a read pauses the whole loader and costs the lookup nothing")
    func throttledRead() {
        let ledger = MemoryLedger(rows: 2)
        _ = try! ledger.commit(run: 1, results: [], starting: [1], at: 0)
        var h = H(ledger: ledger, limits: H.limits(concurrency: 1, maxAttempts: 1))
        h.start()
        h.answerRead(row: 1, .listed(.failed(H.status(429, retryAfter: "3"))), at: 0.1)
        h.advance(to: 3.0)
        #expect(h.reads.isEmpty && h.posts.isEmpty)
        while h.reads.isEmpty, let wake = h.wake { h.advance(to: wake) }
        #expect(h.now >= 3.1)
        h.answerRead(row: 1, H.page([]))
        h.createAll()
        #expect(h.ended == .finished && h.ledger.rows.values.allSatisfy { $0.status == .created })
    }

    @Test("pending rows are paged: a page at a time, in source order, each row sent once")
    func paging() {
        var h = H(ledger: MemoryLedger(rows: 1000), limits: H.limits(rate: 1e6, burst: 1000, concurrency: 4), pageSize: 64)
        h.start()
        h.createAll()
        #expect(h.ended == .finished)
        let reads = h.ledger.pageReads
        #expect(reads.allSatisfy { $0.limit == 64 })
        #expect(reads.map(\.after) == reads.map(\.after).sorted() && Set(reads.map(\.after)).count == reads.count)
        #expect(reads.count == 1000 / 64 + 1)
        #expect(h.sentPosts.map(\.row.row) == Array(1...1000))
        #expect(h.ledger.attempts.count == 1000 && h.ledger.attempts.allSatisfy { $0.finished }, "one attempt per row, each answered")
    }

    @Test("rows chosen in one commit pair with its ids, even if a page is read before the ids come back")
    func idsPairWithRows() {
        var h = H(ledger: MemoryLedger(rows: 40), limits: H.limits(rate: 1e6, burst: 1000, concurrency: 4), pageSize: 8)
        h.start()
        // Deliver a tick's page before its commit's ids, the other order from the loop's.
        var n = 0
        while h.ended == nil, n < 500 {
            n += 1
            if let post = h.posts.first {
                let action = h.state.handle(.answered(h.posts.removeFirst(), H.created("U"), SendOutcome(H.created("U"))), now: h.now)
                h.apply(action)
                _ = post
            }
            var tick = h.state.handle(.tick, now: h.now)
            let fetch = tick.fetch
            tick.fetch = nil
            let commit = tick.commit
            tick.commit = nil
            h.apply(tick)
            if let fetch {
                let rows = try! h.ledger.pendingRows(run: 1, after: fetch.after, limit: fetch.limit)
                h.apply(h.state.handle(.rowsLoaded(rows, exhausted: rows.count < fetch.limit), now: h.now))
            }
            if let commit {
                let ids = try! h.ledger.commit(run: 1, results: commit.results, starting: commit.starting, at: h.now)
                if !commit.starting.isEmpty { h.apply(h.state.handle(.recorded(attemptIDs: ids), now: h.now)) }
            }
        }
        #expect(h.ended == .finished)
        #expect(h.ledger.attempts.count == 40 && h.ledger.attempts.allSatisfy { $0.finished })
        #expect(Set(h.sentPosts.map(\.attemptID)).count == 40)
    }

    @Test("rate: auto starts at 5/s, grows while requests succeed, and falls back to what the API let through at the first 429")
    func autoRate() {
        var limits = H.limits(concurrency: 8)
        limits.rate = .auto
        var h = H(ledger: MemoryLedger(rows: 400), limits: limits)
        h.start()
        #expect(h.state.limiter.rate == 5)
        #expect(h.posts.count == 5, "a bucket of one second at 5/s")
        // Answer everything at once until the rate passes 40/s.
        while h.state.limiter.rate < 40, h.ended == nil {
            if let post = h.posts.first {
                h.answer(row: post.row.row, H.created("U"))
            } else if let wake = h.wake {
                h.advance(to: wake)
            }
        }
        #expect(h.now < 1.5, "slow start: e-fold per quarter second")
        let accepted = Double(h.ledger.rows.values.filter { $0.status == .created }.count) / h.now
        while h.posts.isEmpty, let wake = h.wake { h.advance(to: wake) }
        let post = h.posts[0]
        h.answer(row: post.row.row, H.status(429, retryAfter: "1"))
        #expect(abs(h.state.limiter.rate - min(0.85 * 40, accepted)) < 2)
        let cut = h.state.limiter.rate
        // Other requests already out when the API said no do not cut again.
        if let other = h.posts.first(where: { $0.sentAt <= post.sentAt }) {
            h.answer(row: other.row.row, H.status(429, retryAfter: "1"))
            #expect(h.state.limiter.rate == cut)
        }
    }
}
