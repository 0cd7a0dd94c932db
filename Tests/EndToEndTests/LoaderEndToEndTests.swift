import AsyncHTTPClient
import Foundation
import GuestList
import NIOCore
import Sandbox
import Testing

extension EndToEnd {
    /// The loader against the sandbox over real HTTP with the real binary and ledger: reconciliation through
    /// listings and contacts (never a guest email in a booking object), conflicts explained, `rate: auto`, and
    /// stops in the loader's phases.
    ///
    /// They use the sandbox's knobs for what a listing's window bounds (`listingWindow`), cancelling a booking,
    /// and slow or failing reads (`readLatencyMilliseconds`, `readFaultPathSuffix`).
    @Suite("loader")
    struct LoaderEndToEndTests {
        /// The reads the sandbox received: listings and contacts calls.
        static func reads(_ sandbox: RunningSandbox) async -> (listings: [ReceivedRequest], contacts: [ReceivedRequest]) {
            let received = await sandbox.state.received().filter { $0.method == "GET" }
            return (received.filter { $0.path == "/v1/bookings" }, received.filter { $0.path.hasSuffix("/contacts") })
        }

        /// Sends an admin request to the sandbox (for knobs this file names by their JSON keys).
        static func admin(_ sandbox: RunningSandbox, _ method: AdminMethod, _ path: String, json: String? = nil) async throws -> Int {
            var request = HTTPClientRequest(url: sandbox.baseURL + path)
            switch method {
            case .PUT: request.method = .PUT
            case .POST: request.method = .POST
            }
            if let json {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: json))
            }
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        }

        enum AdminMethod { case PUT, POST }

        static func conflictReasons(_ ws: Workspace) throws -> [Int: ConflictReason] {
            try Ledger.openExisting(url: URL(fileURLWithPath: ws.ledgerPath)).conflictReasons(run: 1)
        }

        static let instant = ISO8601DateFormatter().date(from: "2030-06-01T01:00:00Z")!

        @Test("dropped connections are reconciled through listings and contacts: every guest booked once, uids the server's")
        func droppedReconciled() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 100\n  burst: 20\n  concurrency: 4\n  maxAttempts: 10")
            try ws.writeGuests(Workspace.guests(24))
            try await withSandbox(faults: SandboxFaults(probabilityDrop: 0.4, seed: 21)) { sandbox in
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.output)")
                #expect(await sandbox.state.stats().dropped > 0)
                await ResilienceTests.expectEachBookedOnce(sandbox, count: 24)
                let (listings, contacts) = await Self.reads(sandbox)
                #expect(!listings.isEmpty && !contacts.isEmpty, "reconciliation read the contacts, not a guest email in the listing")
                let serverUids = Set(await sandbox.state.bookings().map(\.uid))
                for row in try await ws.report().rows {
                    #expect(row["status"] as? String == "created")
                    #expect(serverUids.contains(row["bookingUid"] as? String ?? ""))
                }
                // The window holds the instant under every reading of the listing's bounds.
                #expect(listings.allSatisfy { ($0.query ?? "").contains("perPage=100") })
            }
        }

        @Test(
            "dropped connections are reconciled whatever a listing's window bounds",
            arguments: ["start", "overlap", "within"])
        func droppedUnderEachReading(_ reading: String) async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 100\n  burst: 20\n  concurrency: 4\n  maxAttempts: 10")
            try ws.writeGuests(Workspace.guests(20))
            try await withSandbox { sandbox in
                #expect(try await Self.admin(sandbox, .PUT, "/_sandbox/faults", json: #"{"probabilityDrop": 0.5, "seed": 9, "listingWindow": "\#(reading)"}"#) == 200)
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.output)")
                await ResilienceTests.expectEachBookedOnce(sandbox, count: 20)
                let report = try await ws.report()
                #expect(report.rows.allSatisfy { $0["status"] as? String == "created" }, "no booking of ours ends as a conflict")
            }
        }

        @Test("more than a page of bookings in the slot: reconciliation follows the pages to the guest's booking")
        func morePagesInSlot() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 100\n  burst: 20\n  concurrency: 2\n  maxAttempts: 5")
            try ws.writeGuests([("Ann", "ann@example.com", "2030-06-01 10:00", "Asia/Tokyo")])
            try await withSandbox(faults: SandboxFaults(probabilityDrop: 1, seed: 1)) { sandbox in
                for i in 0..<150 {
                    await sandbox.state.preload(eventTypeId: "mzgdPJVBb7RE", email: "other\(i)@example.com", name: "Other \(i)", startedAt: Self.instant)
                }
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.output)")
                #expect(await sandbox.posts().count == 1, "found on page 2, not sent again")
                let (listings, _) = await Self.reads(sandbox)
                #expect(listings.contains { ($0.query ?? "").contains("page=2") })
                let ours = await sandbox.state.bookings().first { $0.email == "ann@example.com" }
                #expect(try await ws.report().rows.first?["bookingUid"] as? String == ours?.uid)
            }
        }

        @Test("a cancelled booking of the guest in the slot does not count: the row is sent")
        func cancelledInSlot() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 100\n  burst: 20\n  concurrency: 2\n  maxAttempts: 5")
            try ws.writeGuests([("Ann", "ann@example.com", "2030-06-01 10:00", "Asia/Tokyo")])
            try await withSandbox(faults: SandboxFaults(probabilityDrop: 1, seed: 1)) { sandbox in
                // Run 1: the POST books Ann and the answer is lost; the run is stopped by a kill before it reconciles.
                let first = try CLI.start(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                for _ in 0..<250 where await sandbox.posts().isEmpty { try await Task.sleep(nanoseconds: 20_000_000) }
                first.signal(SIGKILL)
                _ = await first.wait()
                // Someone cancels that booking in Jicoo; the resumed run must book Ann again.
                let booked = try #require(await sandbox.state.bookings().first)
                #expect(try await Self.admin(sandbox, .POST, "/_sandbox/bookings/\(booked.uid)/cancel") == 200)
                _ = try await Self.admin(sandbox, .PUT, "/_sandbox/faults", json: "{}")
                let resumed = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(resumed.status == 0, "\(resumed.output)")
                let row = try #require(try await ws.report().rows.first)
                #expect(row["status"] as? String == "created" && row["bookingUid"] as? String != booked.uid)
            }
        }

        @Test("a 409 where other guests hold the slot: conflict, slotTaken")
        func slotTaken() async throws {
            let ws = try Workspace()
            try ws.writePipeline(eventType: "smallRoom01")
            try ws.writeGuests([("Ann", "ann@example.com", "2030-06-01 10:00", "Asia/Tokyo")])
            try await withSandbox { sandbox in
                await sandbox.state.preload(eventTypeId: "smallRoom01", email: "someone@example.com", name: "Someone", startedAt: Self.instant)
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 1, "\(result.output)")
                #expect(try Self.conflictReasons(ws) == [1: .slotTaken])
                #expect(result.stdout.contains("found the slot full"), "\(result.stdout)")
                let row = try #require(try await ws.report().rows.first)
                #expect(row["status"] as? String == "conflict" && row["bookingUid"] is NSNull)
                #expect(row["conflictReason"] as? String == "slotTaken")
                let csv = try await CLI.run(["report", "--ledger", ws.ledgerPath, "--format", "csv"])
                #expect(csv.stdout.contains("Slot taken: other guests' bookings hold this time"), "the CSV's error cell says why: \(csv.stdout)")
                #expect(!(await Self.reads(sandbox)).contacts.isEmpty)
            }
        }

        @Test("a 409 for a guest already booked under a differently-cased email: alreadyBooked, with that booking's uid")
        func alreadyBookedOtherCase() async throws {
            let ws = try Workspace()
            try ws.writePipeline()
            try ws.writeGuests([("Ann", "ann@example.com", "2030-06-01 10:00", "Asia/Tokyo")])
            try await withSandbox { sandbox in
                let theirs = await sandbox.state.preload(
                    eventTypeId: "mzgdPJVBb7RE", email: "ANN@Example.COM", name: "Ann", startedAt: Self.instant)
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                // SPEC §5: exit 0, alreadyBooked counts as done.
                #expect(result.status == 0, "\(result.output)")
                #expect(result.stdout.contains("(1 already booked)") && result.stdout.contains("nothing to do"), "\(result.stdout)")
                #expect(!result.stdout.contains("--conflicts"), "nothing to retry")
                #expect(try Self.conflictReasons(ws) == [1: .alreadyBooked])
                let row = try #require(try await ws.report().rows.first)
                #expect(row["status"] as? String == "conflict" && row["bookingUid"] as? String == theirs.uid)
                #expect(row["conflictReason"] as? String == "alreadyBooked")
                #expect(await sandbox.posts().count == 1)
                // retry --conflicts leaves a guest who is already booked alone (SPEC §4).
                let retry = try await CLI.run(["retry", "--ledger", ws.ledgerPath, "--conflicts", "--quiet"], environment: sandbox.environment)
                #expect(retry.status == 0, "\(retry.output)")
                #expect(retry.stdout.contains("Nothing to retry"), "\(retry.stdout)")
                #expect(await sandbox.posts().count == 1, "nothing was sent again")
            }
        }

        @Test("a 409 whose lookup times out: conflict, unknown; the row does not fail")
        func lookupTimesOut() async throws {
            let ws = try Workspace()
            try ws.writePipeline(
                eventType: "smallRoom01", limits: "rate: 50\n  burst: 10\n  concurrency: 2\n  maxAttempts: 2\n  requestTimeout: 1\n  connectTimeout: 2")
            try ws.writeGuests([("Ann", "ann@example.com", "2030-06-01 10:00", "Asia/Tokyo")])
            try await withSandbox { sandbox in
                await sandbox.state.preload(eventTypeId: "smallRoom01", email: "someone@example.com", name: "Someone", startedAt: Self.instant)
                // Only the listing stalls: the pre-flight (GET /v1/event_types/…) and the POST go through.
                #expect(try await Self.admin(sandbox, .PUT, "/_sandbox/faults", json: #"{"readLatencyMilliseconds": 3000, "readFaultPathSuffix": "/v1/bookings"}"#) == 200)
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 1, "\(result.output)")
                #expect(try Self.conflictReasons(ws) == [1: .unknown])
                let row = try #require(try await ws.report().rows.first)
                #expect(row["status"] as? String == "conflict")
                #expect((row["error"] as? String)?.contains("could not be looked up") == true)
            }
        }

        @Test("rate: auto against a server limit of 20/s: every row booked once, the limit found within seconds, few 429s")
        func rateAuto() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: auto\n  concurrency: 4\n  maxAttempts: 5")
            try ws.writeGuests(Workspace.guests(200))
            try await withSandbox(faults: SandboxFaults(rateLimit: 20)) { sandbox in
                let started = Date()
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                let elapsed = Date().timeIntervalSince(started)
                #expect(result.status == 0, "\(result.output)")
                await ResilienceTests.expectEachBookedOnce(sandbox, count: 200)
                let stats = await sandbox.state.stats()
                // Finding the limit costs a handful of 429s whatever the run's size (Benchmarks/RESULTS-load.md: under
                // 3 % of 2,000 rows); a short run shows them at their largest share.
                #expect(Double(stats.rateLimited429) <= 0.1 * 200, "\(stats.rateLimited429) answers of 429")
                // (200 − 20) / 20 = 9 s at best.
                #expect(elapsed < 9 * 1.3, "took \(elapsed) s")
            }
        }

        @Test("--rate auto overrides a fixed limits.rate; --rate with nonsense is a usage error")
        func rateAutoFlag() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 2\n  burst: 1\n  concurrency: 4")
            try ws.writeGuests(Workspace.guests(30))
            try await withSandbox { sandbox in
                let started = Date()
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet", "--rate", "auto"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.output)")
                #expect(Date().timeIntervalSince(started) < 10, "at rate 2 it would take 15 s")
            }
            let bad = try await CLI.run(["run", ws.pipelinePath, "--rate", "fastest"])
            #expect(bad.status == 2 && bad.stderr.contains("rate"), "\(bad.output)")
        }

        @Test("SIGTERM while every request backs off: exit 3 within 10 s, rows pending, and the next run books them")
        func stopDuringBackoff() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 50\n  burst: 5\n  concurrency: 2\n  maxAttempts: 20")
            try ws.writeGuests(Workspace.guests(6))
            try await withSandbox(faults: SandboxFaults(probability503: 1, seed: 2)) { sandbox in
                let running = try CLI.start(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                for _ in 0..<250 where await sandbox.posts().count < 6 { try await Task.sleep(nanoseconds: 20_000_000) }
                let start = Date()
                running.signal(SIGTERM)
                let result = await running.wait()
                #expect(Date().timeIntervalSince(start) < 10)
                #expect(result.status == 3, "\(result.output)")
                #expect(Workspace.counts(try await ws.report().run)["pending"] == 6)
                _ = try await Self.admin(sandbox, .PUT, "/_sandbox/faults", json: "{}")
                let resumed = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(resumed.status == 0, "\(resumed.output)")
                await ResilienceTests.expectEachBookedOnce(sandbox, count: 6)
            }
        }

        @Test("SIGINT during the event-type pre-flight against an API that refuses connections: exit 3 promptly, nothing sent")
        func stopDuringPreflight() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 50\n  burst: 5\n  concurrency: 2\n  maxAttempts: 12\n  connectTimeout: 1")
            try ws.writeGuests(Workspace.guests(4))
            let port = try await withSandbox { $0.port }
            let running = try CLI.start(
                ["run", ws.pipelinePath, "--quiet"], environment: ["JICOO_API_KEY": "k", "JICOO_BASE_URL": "http://127.0.0.1:\(port)"])
            try await Task.sleep(nanoseconds: 1_500_000_000)
            let start = Date()
            running.signal(SIGINT)
            while running.process.isRunning, Date().timeIntervalSince(start) < 10 { try await Task.sleep(nanoseconds: 10_000_000) }
            #expect(Date().timeIntervalSince(start) < 3, "the pre-flight's backoff gives way to the stop")
            let result = await running.wait()
            #expect(result.status == 3, "\(result.output)")
            #expect(Workspace.counts(try await ws.report().run)["pending"] == 4)
        }
    }
}
