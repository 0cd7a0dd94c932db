import Foundation
import Sandbox
import Testing

extension EndToEnd {
    /// SPEC §4: an unfinished `retry` of an older run is finished by running the same `retry` again, and a
    /// `run` never starts a new run while an older one has uncertain rows that nobody reconciled.
    @Suite("unfinished runs")
    struct UnfinishedRunTests {
        @Test("a retry killed in flight blocks new runs until the same retry reconciles and finishes it")
        func killedRetry() async throws {
            let ws = try Workspace()
            try ws.writePipeline(limits: "rate: 50\n  burst: 10\n  concurrency: 2\n  maxAttempts: 1\n  requestTimeout: 20")
            let guests = Workspace.guests(4)
            try ws.writeGuests(guests)
            try await withSandbox(faults: SandboxFaults(probability503: 1, seed: 2)) { sandbox in
                // Run 1: every POST answered 503, one attempt each: all four rows fail, and the run finishes.
                let first = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(first.status == 1, "\(first.output)")
                #expect(Workspace.counts(try await ws.report().run)["failed"] == 4)
                // Run 2, of other guests, finishes: run 1 is no longer the latest run.
                await sandbox.state.setFaults(SandboxFaults())
                try ws.writeGuests(Workspace.guests(2, prefix: "other"))
                let second = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(second.status == 0, "\(second.output)")

                // The retry's requests hang in the API; the retry is killed with requests in flight.
                await sandbox.state.setFaults(SandboxFaults(latencyMilliseconds: 2_000, seed: 2))
                let before = await sandbox.posts().count
                let retry = try CLI.start(["retry", "1", "--ledger", ws.ledgerPath, "--quiet"], environment: sandbox.environment)
                for _ in 0..<250 where await sandbox.posts().count == before { try await Task.sleep(nanoseconds: 20_000_000) }
                retry.signal(SIGKILL)
                _ = await retry.wait()

                // A new run would send rows whose first requests may have booked them: refused, with the command.
                let refused = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(refused.status == 2, "\(refused.output)")
                #expect(refused.stderr.contains("guestlist retry 1 --ledger"), "\(refused.stderr)")
                let runs = try await CLI.run(["runs", "--ledger", ws.ledgerPath])
                #expect(!runs.stdout.contains("\n  3 "), "no run 3 was recorded: \(runs.stdout)")

                // The same retry again: the uncertain rows are checked in Jicoo, the rest sent; run 1 finishes.
                await sandbox.state.setFaults(SandboxFaults())
                let again = try await CLI.run(["retry", "1", "--ledger", ws.ledgerPath, "--quiet"], environment: sandbox.environment)
                #expect(again.status == 0, "\(again.output)")
                #expect(Workspace.counts(try await ws.report("1").run)["created"] == 4)
                await ResilienceTests.expectEachBookedOnce(sandbox, count: 6)

                // Now a new run may start: every key of the source is booked already.
                let next = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(next.status == 0, "\(next.output)")
                let report = try await ws.report()
                #expect(report.run["id"] as? String == "3")
                #expect(Workspace.counts(report.run)["skipped"] == 2)
                await ResilienceTests.expectEachBookedOnce(sandbox, count: 6)
            }
        }
    }
}

extension EndToEnd.UnfinishedRunTests {
    @Test("a ledger that cannot be written mid-run stops it with exit 3, names the ledger and the error; the next run finishes it")
    func ledgerFailsMidRun() async throws {
        let ws = try Workspace()
        try ws.writePipeline(limits: "rate: 100\n  burst: 10\n  concurrency: 2\n  maxAttempts: 3")
        try ws.writeGuests(Workspace.guests(40))
        try await withSandbox(faults: SandboxFaults(latencyMilliseconds: 20)) { sandbox in
            // The ledger's 10th commit fails as a full disk would: after it was created, recorded and first
            // written by the loader (four migrations, a clean-up, a batch, the end of the recording, then sends).
            var environment = sandbox.environment
            environment["GUESTLIST_TEST_LEDGER_COMMITS"] = "9"
            let failed = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: environment)
            #expect(failed.status == 3, "\(failed.output)")
            #expect(failed.stderr.contains(ws.ledgerPath) && failed.stderr.contains("disk I/O error"), "\(failed.stderr)")
            #expect(failed.stderr.contains("stay pending"), "\(failed.stderr)")
            let sent = await sandbox.posts().count
            #expect(sent > 0 && sent < 40, "the failure came mid-run: \(sent) POSTs")

            let resumed = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
            #expect(resumed.status == 0, "\(resumed.output)")
            #expect(Workspace.counts(try await ws.report().run)["created"] == 40)
            await EndToEnd.ResilienceTests.expectEachBookedOnce(sandbox, count: 40)
        }
    }
}
