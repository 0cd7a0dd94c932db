import Foundation
import Sandbox
import Testing

extension EndToEnd {
    /// A run stopped or killed while it records a large source (SPEC §4, issues 11 and 12): it leaves no
    /// partial run that could be sent, and the next `run` records the source afresh and books each key once.
    ///
    /// The source is big enough (150,000 rows, a ledger of about 100 MB) that recording takes seconds in a
    /// debug build, and the stop comes once the ledger has visibly grown; that it came while recording, not
    /// later, is checked by the sandbox having received nothing, not even the pre-flight.
    @Suite("large source")
    struct LargeSourceTests {
        static let rows = 150_000
        /// Distinct booking keys among the rows: the rest are duplicates, recorded but never sent, so that
        /// finishing the run sends a few hundred requests rather than 150,000.
        static let keys = 300

        static let limits = "rate: 1000\n  burst: 100\n  concurrency: 8\n  maxAttempts: 8\n  requestTimeout: 10\n  connectTimeout: 2"

        @Test("kill -9 while recording, then run: one run, every row recorded once, nothing sent twice")
        func killWhileRecording() async throws {
            let ws = try Workspace()
            defer { ws.remove() }
            try ws.writePipeline(limits: Self.limits)
            try ws.writeLargeGuests(rows: Self.rows, keys: Self.keys)
            try await withSandbox { sandbox in
                let running = try CLI.start(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                // Well into the recording: some batches committed, most of the source still to read.
                try await ws.waitUntilRecording(running, bytes: 10_000_000)
                running.signal(SIGKILL)
                _ = await running.wait()
                #expect(await sandbox.state.received().isEmpty, "the kill came after recording had ended")

                let final = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(final.status == 1, "duplicates make it exit 1: \(final.output)")
                let runs = try await CLI.run(["runs", "--ledger", ws.ledgerPath])
                #expect(runs.status == 0 && Self.runIDs(runs.stdout) == ["1"], "exactly one run: \(runs.output)")

                // Counts cover the whole run; the rows listed are only the created ones.
                let created = try await ws.report(status: "created")
                let counts = Workspace.counts(created.run)
                #expect(counts.values.reduce(0, +) == Self.rows, "\(counts)")
                #expect(counts["created"] == Self.keys && counts["duplicate"] == Self.rows - Self.keys, "\(counts)")
                #expect(created.rows.count == Self.keys)
                #expect(try await ws.reportLineCount() == Self.rows, "every source row is in the report once")

                #expect(await sandbox.posts().count == Self.keys, "nothing sent twice")
                await ResilienceTests.expectEachBookedOnce(sandbox, count: Self.keys)
            }
        }

        @Test(
            "SIGINT or SIGTERM while recording: exit 3 within 10 s, says it stopped, no run left; the next run completes",
            arguments: [SIGINT, SIGTERM])
        func stopWhileRecording(signal: Int32) async throws {
            let ws = try Workspace()
            defer { ws.remove() }
            try ws.writePipeline(limits: Self.limits)
            try ws.writeLargeGuests(rows: Self.rows, keys: Self.keys)
            try await withSandbox { sandbox in
                let running = try CLI.start(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                try await ws.waitUntilRecording(running, bytes: 2_000_000)
                let signalled = Date()
                running.signal(signal)
                let stopped = await running.wait()
                let took = Date().timeIntervalSince(signalled)
                #expect(took < 10, "took \(took) s to stop")
                #expect(stopped.status == 3, "\(stopped.output)")
                #expect(stopped.output.lowercased().contains("stop"), "\(stopped.output)")
                #expect(await sandbox.state.received().isEmpty, "nothing is sent after a stop while recording")

                let runs = try await CLI.run(["runs", "--ledger", ws.ledgerPath])
                #expect(runs.status == 0 && Self.runIDs(runs.stdout).isEmpty, "a stopped recording leaves no run: \(runs.output)")

                // A smaller list now: had the stop left a run behind, the next `run` would resume that run's
                // 150,000 rows instead of recording these.
                let guests = Workspace.guests(40)
                try ws.writeGuests(guests)
                let next = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(next.status == 0, "\(next.output)")
                let report = try await ws.report()
                #expect(report.run["id"] as? String == "1")
                #expect(Workspace.counts(report.run)["created"] == guests.count)
                #expect(report.rows.count == guests.count)
                await ResilienceTests.expectEachBookedOnce(sandbox, count: guests.count)
            }
        }

        /// The run ids in `guestlist runs`' table: the first column of each line that starts with a number.
        static func runIDs(_ table: String) -> [String] {
            table.split(separator: "\n").compactMap { line in
                let first = line.split(separator: " ", omittingEmptySubsequences: true).first.map(String.init) ?? ""
                return Int(first) != nil ? first : nil
            }
        }
    }
}

extension Workspace {
    /// Deletes the folder: a large source and its ledger come to about 100 MB, too much to leave in the
    /// temporary folder after every test run.
    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `rows` guests over `keys` distinct booking keys (row i repeats key i mod `keys`, so every
    /// row after the first `keys` is a duplicate), as `guests.csv` in `Workspace.guests`' shape.
    func writeLargeGuests(rows: Int, keys: Int) throws {
        var text = "Name,Email,Start,Zone\r\n"
        text.reserveCapacity(rows * 60)
        let slots = (0..<keys).map { k in "Guest \(k),guest\(k)@example.com,2030-06-0\(1 + k % 5) 1\(k % 8):00,Asia/Tokyo\r\n" }
        for i in 0..<rows { text += slots[i % keys] }
        try Data(text.utf8).write(to: folder.appendingPathComponent("guests.csv"))
    }

    /// Returns once `running` has visibly recorded part of the source (the ledger and its write-ahead log
    /// have grown past `bytes`); fails if it ended first or never got there.
    func waitUntilRecording(_ running: CLI.Running, bytes: Int, timeout: Double = 60) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let size = [ledgerPath, ledgerPath + "-wal"].reduce(0) { total, path in
                total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
            }
            if size > bytes { return }
            if !running.process.isRunning { break }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        Issue.record("guestlist did not start recording (running: \(running.process.isRunning))")
    }

    /// The run's JSON report with only the rows of `status` (its counts still cover the whole run).
    func report(status: String) async throws -> (run: [String: Any], rows: [[String: Any]]) {
        let result = try await CLI.run(["report", "--ledger", ledgerPath, "--format", "json", "--status", status])
        #expect(result.status == 0, "report failed: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        return (object["run"] as? [String: Any] ?? [:], object["rows"] as? [[String: Any]] ?? [])
    }

    /// The number of rows in the latest run's CSV report (its lines, less the header: the rows written by
    /// `writeLargeGuests` have no line breaks in their cells).
    func reportLineCount() async throws -> Int {
        let result = try await CLI.run(["report", "--ledger", ledgerPath, "--format", "csv"])
        #expect(result.status == 0, "report failed: \(result.stderr)")
        return result.stdout.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 } - 1
    }
}
