import Foundation
import Sandbox
import Testing

extension EndToEnd {
    /// Exactly-once under a hostile API and a hostile laptop (SPEC §4): faults, kills, locks, retries.
    @Suite("resilience")
    struct ResilienceTests {
        static func expectEachBookedOnce(_ sandbox: RunningSandbox, count: Int) async {
            let perEmail = await sandbox.bookingsPerEmail()
            #expect(perEmail.count == count, "\(perEmail.count) guests booked, expected \(count)")
            #expect(perEmail.values.allSatisfy { $0 == 1 }, "a guest was booked twice: \(perEmail.filter { $0.value > 1 })")
        }

        @Test("30% of requests answered 429: every row created once")
        func throttled() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 100\n  burst: 20\n  concurrency: 4\n  maxAttempts: 5")
            try ws.writeGuests(Workspace.guests(40))
            try await withSandbox(faults: SandboxFaults(probability429: 0.3, retryAfterOn429: false, seed: 7)) { sandbox in
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.output)")
                #expect(await sandbox.state.stats().rateLimited429 > 0)
                await Self.expectEachBookedOnce(sandbox, count: 40)
                #expect(Workspace.counts(try await ws.report().run)["created"] == 40)
            }
        }

        @Test("20% of requests answered 503: every row created once")
        func unavailable() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 100\n  burst: 20\n  concurrency: 4\n  maxAttempts: 10")
            try ws.writeGuests(Workspace.guests(40))
            try await withSandbox(faults: SandboxFaults(probability503: 0.2, seed: 11)) { sandbox in
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.output)")
                await Self.expectEachBookedOnce(sandbox, count: 40)
            }
        }

        @Test("10% create-then-drop: every key exists once on the server, no row left pending")
        func droppedConnections() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 100\n  burst: 20\n  concurrency: 4\n  maxAttempts: 10")
            try ws.writeGuests(Workspace.guests(40))
            try await withSandbox(faults: SandboxFaults(probabilityDrop: 0.1, seed: 5)) { sandbox in
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect([0, 1].contains(result.status), "\(result.output)")
                #expect(await sandbox.state.stats().dropped > 0)
                await Self.expectEachBookedOnce(sandbox, count: 40)
                let report = try await ws.report()
                #expect(Workspace.counts(report.run)["pending"] == 0)
                #expect(report.rows.allSatisfy { ["created", "conflict"].contains($0["status"] as? String) })
                // Reconciliation found the dropped bookings: their uids are the server's.
                let serverUids = Set(await sandbox.state.bookings().map(\.uid))
                for row in report.rows where row["status"] as? String == "created" {
                    #expect(serverUids.contains(row["bookingUid"] as? String ?? ""))
                }
            }
        }

        @Test("kill -9 at random moments, ten times, then a final run: every key on the server exactly once")
        func killNine() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 40\n  burst: 5\n  concurrency: 4\n  maxAttempts: 10")
            try ws.writeGuests(Workspace.guests(60))
            try await withSandbox(faults: SandboxFaults(latencyMilliseconds: 30, jitterMilliseconds: 20, probabilityDrop: 0.05, seed: 3)) { sandbox in
                var rng = SystemRandomNumberGenerator()
                for _ in 0..<10 {
                    let running = try CLI.start(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                    try await Task.sleep(nanoseconds: UInt64.random(in: 50_000_000...400_000_000, using: &rng))
                    running.signal(SIGKILL)
                    _ = await running.wait()
                }
                let final = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect([0, 1].contains(final.status), "\(final.output)")
                await Self.expectEachBookedOnce(sandbox, count: 60)
                let report = try await ws.report("1")
                #expect(report.rows.count == 60)
                #expect(Workspace.counts(report.run)["pending"] == 0)
                #expect(report.rows.allSatisfy { ["created", "conflict"].contains($0["status"] as? String) })
            }
        }

        @Test("two processes on one ledger: the second is refused with exit 2, naming the holder")
        func ledgerInUse() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 5\n  burst: 1\n  concurrency: 1")
            try ws.writeGuests(Workspace.guests(20))
            try await withSandbox { sandbox in
                let first = try CLI.start(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                // Wait until the first process holds the ledger and is sending.
                for _ in 0..<200 where await sandbox.posts().isEmpty { try await Task.sleep(nanoseconds: 20_000_000) }
                let second = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(second.status == 2, "\(second.output)")
                #expect(second.stderr.contains("in use") && second.stderr.contains("pid \(first.pid)"), "\(second.stderr)")
                let retry = try await CLI.run(["retry", "--ledger", ws.ledgerPath], environment: sandbox.environment)
                #expect(retry.status == 2 && retry.stderr.contains("in use"))
                let done = await first.wait()
                #expect(done.status == 0, "\(done.output)")
                await Self.expectEachBookedOnce(sandbox, count: 20)
            }
        }

        @Test("SIGINT: no new request starts, exit 3 within 10 s, rows pending; the next run resumes")
        func interrupt() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 4\n  burst: 1\n  concurrency: 2")
            try ws.writeGuests(Workspace.guests(30))
            try await withSandbox { sandbox in
                let running = try CLI.start(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                for _ in 0..<200 where await sandbox.posts().count < 2 { try await Task.sleep(nanoseconds: 20_000_000) }
                let start = Date()
                running.signal(SIGINT)
                let result = await running.wait()
                #expect(Date().timeIntervalSince(start) < 10)
                #expect(result.status == 3, "\(result.output)")
                let sentAtStop = await sandbox.posts().count
                let report = try await ws.report()
                #expect((Workspace.counts(report.run)["pending"] ?? 0) > 0)
                #expect(Workspace.counts(report.run)["created"] == sentAtStop)
                let resumed = try await CLI.run(["run", ws.pipelinePath, "--quiet", "--rate", "50"], environment: sandbox.environment)
                #expect(resumed.status == 0, "\(resumed.output)")
                await Self.expectEachBookedOnce(sandbox, count: 30)
            }
        }

        @Test("fix and rerun: only the fixed rows are sent")
        func fixAndRerun() async throws {
            let ws = try Workspace()
            try ws.writePipeline()
            var guests = Workspace.guests(8)
            guests[2].email = "broken@"
            guests[5].zone = "Nowhere/Land"
            guests[6].start = "2030-03-10 02:30"
            guests[6].zone = "America/New_York"
            try ws.writeGuests(guests)
            try await withSandbox { sandbox in
                let first = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(first.status == 1, "\(first.output)")
                #expect(await sandbox.posts().count == 5)
                let fixed = Workspace.guests(8)
                try ws.writeGuests(fixed)
                let second = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(second.status == 0, "\(second.output)")
                #expect(await sandbox.posts().count == 8, "exactly the three fixed rows were sent")
                let report = try await ws.report()
                #expect(Workspace.counts(report.run)["skipped"] == 5)
                #expect(Workspace.counts(report.run)["created"] == 3)
                await Self.expectEachBookedOnce(sandbox, count: 8)
            }
        }

        @Test("a conflict, then the slot is freed, then retry --conflicts: created")
        func retryConflicts() async throws {
            let ws = try Workspace()
            try ws.writePipeline(eventType: "smallRoom01")
            try ws.writeGuests([("Ann", "ann@example.com", "2030-06-01 10:00", "Asia/Tokyo")])
            try await withSandbox { sandbox in
                let taken = await sandbox.state.preload(
                    eventTypeId: "smallRoom01", email: "someone@example.com", name: "Someone",
                    startedAt: ISO8601DateFormatter().date(from: "2030-06-01T01:00:00Z")!)
                let first = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(first.status == 1)
                #expect(try await ws.report().rows.first?["status"] as? String == "conflict")
                let plain = try await CLI.run(["retry", "--ledger", ws.ledgerPath, "--quiet"], environment: sandbox.environment)
                #expect(plain.stdout.contains("Nothing to retry"), "\(plain.output)")
                await sandbox.state.removeBooking(uid: taken.uid)
                let retry = try await CLI.run(["retry", "--ledger", ws.ledgerPath, "--conflicts", "--quiet"], environment: sandbox.environment)
                #expect(retry.status == 0, "\(retry.output)")
                let report = try await ws.report()
                #expect(report.rows.first?["status"] as? String == "created")
                #expect(report.rows.first?["attempts"] as? Int == 2)
            }
        }

        @Test("the API unreachable: exit 3 and rows stay pending rather than failed")
        func unreachable() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 50\n  burst: 5\n  concurrency: 2\n  maxAttempts: 3\n  connectTimeout: 1")
            try ws.writeGuests(Workspace.guests(5))
            // A port nothing listens on: bind one, learn it, close it.
            let port = try await withSandbox { $0.port }
            let result = try await CLI.run(
                ["run", ws.pipelinePath, "--quiet"], environment: ["JICOO_API_KEY": "k", "JICOO_BASE_URL": "http://127.0.0.1:\(port)"])
            #expect(result.status == 3, "\(result.output)")
            #expect(result.stdout.contains("could not be reached") && result.stdout.contains("127.0.0.1:\(port)"), "\(result.output)")
            let report = try await ws.report()
            #expect(Workspace.counts(report.run)["pending"] == 5)
        }
    }
}
