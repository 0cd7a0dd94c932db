import Foundation
import Sandbox
import Testing

extension EndToEnd {
    /// `guestlist run` end to end: the built binary against the in-process sandbox over real HTTP,
    /// with a real ledger file, checked through `report` and what the sandbox received.
    @Suite("run")
    struct RunTests {
        @Test("a clean CSV: every row created, each booked exactly once")
        func cleanRun() async throws {
            let ws = try Workspace()
            try ws.writePipeline()
            let guests = Workspace.guests(12)
            try ws.writeGuests(guests)
            try await withSandbox { sandbox in
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.output)")
                #expect(result.stdout.range(of: #"created\s+12"#, options: .regularExpression) != nil, "\(result.stdout)")
                let report = try await ws.report()
                #expect(Workspace.counts(report.run)["created"] == 12)
                #expect(report.rows.map { $0["status"] as? String } == Array(repeating: "created", count: 12))
                #expect(report.rows.map { $0["row"] as? Int } == Array(1...12))
                #expect(report.rows.map { $0["line"] as? Int } == Array(2...13))
                let uids = Set(report.rows.compactMap { $0["bookingUid"] as? String })
                #expect(uids.count == 12)
                #expect(await sandbox.posts().count == 12)
                let perEmail = await sandbox.bookingsPerEmail()
                #expect(perEmail.count == 12 && perEmail.values.allSatisfy { $0 == 1 })
                // The request carries the normalized instant in UTC with milliseconds and the IANA zone.
                let first = try #require(await sandbox.posts().compactMap(\.body).first { $0.contains("guest0@example.com") })
                let body = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
                #expect(body["startedAt"] as? String == "2030-06-01T01:00:00.000Z")
                #expect(body["timeZone"] as? String == "Asia/Tokyo")
                #expect(body["eventTypeId"] as? String == "mzgdPJVBb7RE")

                // Running again starts a new run in which every key is skipped, and sends nothing.
                let again = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(again.status == 0, "\(again.output)")
                #expect(await sandbox.posts().count == 12)
                let second = try await ws.report()
                #expect(second.run["id"] as? String == "2")
                #expect(Workspace.counts(second.run)["skipped"] == 12)
            }
        }

        @Test("a guest already booked in Jicoo comes back as a conflict, already booked, which counts as done (exit 0)")
        func preloadedConflict() async throws {
            let ws = try Workspace()
            try ws.writePipeline()
            try ws.writeGuests(Workspace.guests(4))
            try await withSandbox { sandbox in
                // guest2 at 2030-06-03 12:00 JST = 03:00Z
                await sandbox.state.preload(
                    eventTypeId: "mzgdPJVBb7RE", email: "guest2@example.com", name: "Guest 2",
                    startedAt: ISO8601DateFormatter().date(from: "2030-06-03T03:00:00Z")!)
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.output)")
                let report = try await ws.report()
                #expect(report.rows.map { $0["status"] as? String } == ["created", "created", "conflict", "created"])
                #expect(report.rows[2]["httpStatus"] as? Int == 409)
                #expect(report.rows[2]["conflictReason"] as? String == "alreadyBooked")
                #expect((report.rows[2]["error"] as? String)?.isEmpty == false)
                #expect(await sandbox.bookingsPerEmail()["guest2@example.com"] == 1)
            }
        }

        @Test("a value the API rejects: that row failed with the API's message, the others go on")
        func rejectedRow() async throws {
            let ws = try Workspace()
            try ws.writePipeline(extraColumns: "  answers.q-unknown: Question")
            try ws.write(
                "guests.csv",
                """
                Name,Email,Start,Zone,Question
                Ann,ann@example.com,2030-06-01 10:00,Asia/Tokyo,
                Bob,bob@example.com,2030-06-01 10:00,Asia/Tokyo,what?
                Cid,cid@example.com,2030-06-01 10:00,Asia/Tokyo,

                """)
            try await withSandbox { sandbox in
                let result = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(result.status == 1, "\(result.output)")
                let report = try await ws.report()
                #expect(report.rows.map { $0["status"] as? String } == ["created", "failed", "created"])
                #expect(report.rows[1]["httpStatus"] as? Int == 422)
                let error = report.rows[1]["error"] as? String ?? ""
                #expect(error.contains("answers") && error.contains("422"), "\(error)")
            }
        }

        @Test("a wrong key stops at once with exit 3 and rows pending; the right key finishes the run")
        func wrongKeyThenRightKey() async throws {
            let ws = try Workspace()
            try ws.writePipeline()
            try ws.writeGuests(Workspace.guests(6))
            try await withSandbox { sandbox in
                var env = sandbox.environment
                env["JICOO_API_KEY"] = "not-the-key"
                let wrong = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: env)
                #expect(wrong.status == 3, "\(wrong.output)")
                #expect(!wrong.output.contains("not-the-key"), "the key must never be printed")
                let first = try await ws.report()
                #expect(Workspace.counts(first.run)["pending"] == 6)
                #expect(first.run["finishedAt"] is NSNull)
                #expect(await sandbox.state.bookings().isEmpty)

                let right = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(right.status == 0, "\(right.output)")
                #expect(right.stdout.contains("Resumed run 1"))
                let second = try await ws.report()
                #expect(second.run["id"] as? String == "1", "the same run is resumed")
                #expect(Workspace.counts(second.run)["created"] == 6)
                #expect(await sandbox.bookingsPerEmail().values.allSatisfy { $0 == 1 })
                let ledger = try Data(contentsOf: URL(fileURLWithPath: ws.ledgerPath))
                #expect(ledger.range(of: Data("not-the-key".utf8)) == nil && ledger.range(of: Data(sandbox.apiKey.utf8)) == nil)
            }
        }

        @Test("dry run: the would-be summary, no request, no run recorded")
        func dryRun() async throws {
            let ws = try Workspace()
            try ws.writePipeline()
            try ws.writeGuests(Workspace.guests(3))
            try await withSandbox { sandbox in
                let result = try await CLI.run(["run", ws.pipelinePath, "--dry-run"], environment: sandbox.environment)
                #expect(result.status == 0, "\(result.output)")
                #expect(result.stdout.contains("would send 3 rows"), "\(result.stdout)")
                #expect(await sandbox.state.received().isEmpty)
                #expect(!FileManager.default.fileExists(atPath: ws.ledgerPath))
            }
        }
    }
}
