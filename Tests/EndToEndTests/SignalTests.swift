import Foundation
import Sandbox
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {
    /// SIGINT and SIGTERM in the phases after recording (SPEC §5; recording is in `LargeSourceTests`):
    /// no new request starts, in-flight ones get a few seconds, exit 3 within 10 s, unsent rows stay
    /// pending and the next `run` resumes the same run; a second signal quits at once.
    @Suite("signals")
    struct SignalTests {
        @Test("SIGINT or SIGTERM while sending: exit 3 within 10 s, the rest pending; the next run resumes it", arguments: [SIGINT, SIGTERM])
        func stopWhileSending(signal: Int32) async throws {
            let ws = try Workspace()
            defer { ws.remove() }
            try ws.writePipeline(limits: "rate: 50\n  burst: 5\n  concurrency: 4\n  maxAttempts: 5\n  requestTimeout: 10")
            let guests = Workspace.guests(60)
            try ws.writeGuests(guests)
            try await withSandbox(faults: SandboxFaults(latencyMilliseconds: 200)) { sandbox in
                let running = try CLI.start(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                for _ in 0..<1000 where await sandbox.posts().count < 6 { try await Task.sleep(nanoseconds: 10_000_000) }
                let signalled = Date()
                running.signal(signal)
                let stopped = await running.wait()
                #expect(Date().timeIntervalSince(signalled) < 10)
                #expect(stopped.status == 3, "\(stopped.output)")
                let sent = await sandbox.posts().count
                #expect(sent < guests.count, "the stop came too late to test anything")

                let report = try await ws.report()
                let counts = Workspace.counts(report.run)
                #expect(counts["created"] == sent, "every request sent was answered within the grace period: \(counts)")
                #expect(counts["pending"] == guests.count - sent, "\(counts)")

                await sandbox.state.setFaults(SandboxFaults())
                let resumed = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(resumed.status == 0, "\(resumed.output)")
                let after = try await ws.report()
                #expect(after.run["id"] as? String == report.run["id"] as? String, "the same run was resumed")
                #expect(Workspace.counts(after.run)["created"] == guests.count)
                #expect(await sandbox.posts().count == guests.count)
                await ResilienceTests.expectEachBookedOnce(sandbox, count: guests.count)
            }
        }

        @Test(
            "SIGINT or SIGTERM while the pre-flight waits for an answer: exit 3 within 10 s, nothing sent",
            arguments: [SIGINT, SIGTERM])
        func stopDuringSlowPreflight(signal: Int32) async throws {
            let ws = try Workspace()
            defer { ws.remove() }
            try ws.writePipeline(limits: "rate: 50\n  burst: 5\n  concurrency: 4\n  maxAttempts: 5\n  requestTimeout: 60\n  connectTimeout: 5")
            try ws.writeGuests(Workspace.guests(10))
            // The event-type check is answered after 50 s: the pre-flight is under way, not finished.
            let slowRead = SandboxFaults(readLatencyMilliseconds: 50_000, readFaultPathSuffix: "/v1/event_types/mzgdPJVBb7RE")
            try await withSandbox(faults: slowRead) { sandbox in
                let running = try CLI.start(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                // Ten rows are recorded in a blink; the sandbox logs the check only once it has answered it.
                try await Task.sleep(nanoseconds: 2_000_000_000)
                #expect(running.process.isRunning)
                #expect(await sandbox.state.received().isEmpty, "the pre-flight should still be waiting")
                let signalled = Date()
                running.signal(signal)
                let stopped = await running.wait(timeout: 60)
                #expect(Date().timeIntervalSince(signalled) < 10)
                #expect(stopped.status == 3, "\(stopped.output)")
                #expect(await sandbox.posts().isEmpty)

                await sandbox.state.setFaults(SandboxFaults())
                let resumed = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                #expect(resumed.status == 0, "\(resumed.output)")
                #expect(try await ws.report().run["id"] as? String == "1")
                await ResilienceTests.expectEachBookedOnce(sandbox, count: 10)
            }
        }

        #if canImport(Glibc)
        @Test(
            "SIGINT or SIGTERM while the pre-flight cannot connect: exit 3 within 10 s, rows pending",
            arguments: [SIGINT, SIGTERM])
        func stopDuringUnreachablePreflight(signal: Int32) async throws {
            let ws = try Workspace()
            defer { ws.remove() }
            try ws.writePipeline(limits: "rate: 50\n  burst: 5\n  concurrency: 4\n  maxAttempts: 5\n  requestTimeout: 60\n  connectTimeout: 30")
            try ws.writeGuests(Workspace.guests(10))
            let blackhole = try Blackhole()
            defer { blackhole.close() }
            let running = try CLI.start(
                ["run", ws.pipelinePath, "--quiet"], environment: ["JICOO_API_KEY": "k", "JICOO_BASE_URL": "http://127.0.0.1:\(blackhole.port)"])
            // Ten rows are recorded in a blink; then the pre-flight waits up to 5 × 30 s to connect.
            try await Task.sleep(nanoseconds: 2_000_000_000)
            #expect(running.process.isRunning, "the pre-flight should still be trying to connect")
            let signalled = Date()
            running.signal(signal)
            let stopped = await running.wait(timeout: 200)
            #expect(Date().timeIntervalSince(signalled) < 10)
            #expect(stopped.status == 3, "\(stopped.output)")
            let report = try await ws.report()
            #expect(Workspace.counts(report.run)["pending"] == 10)
        }
        #endif

        @Test("a second Ctrl-C quits at once with 3, and the next run finishes without booking anyone twice")
        func secondInterrupt() async throws {
            let ws = try Workspace()
            defer { ws.remove() }
            try ws.writePipeline(limits: "rate: 50\n  burst: 5\n  concurrency: 4\n  maxAttempts: 5\n  requestTimeout: 30")
            let guests = Workspace.guests(20)
            try ws.writeGuests(guests)
            // Each answer takes 8 s: after the first Ctrl-C the process would wait out its grace period.
            try await withSandbox(faults: SandboxFaults(latencyMilliseconds: 8_000)) { sandbox in
                let running = try CLI.start(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                // The sandbox logs a request once it has answered it: wait for the pre-flight's answer, then
                // give the loader a moment to have its first POSTs in flight.
                for _ in 0..<1000 where await sandbox.state.stats().requestsReceived < 1 {
                    try await Task.sleep(nanoseconds: 10_000_000)
                }
                try await Task.sleep(nanoseconds: 500_000_000)
                running.signal(SIGINT)
                try await Task.sleep(nanoseconds: 300_000_000)
                #expect(running.process.isRunning, "the first Ctrl-C waits for the requests in flight")
                let second = Date()
                running.signal(SIGINT)
                let stopped = await running.wait()
                #expect(Date().timeIntervalSince(second) < 2, "a second Ctrl-C quits at once")
                #expect(stopped.status == 3, "\(stopped.output)")

                // The requests in flight still reach the sandbox and are booked (it logs them once answered);
                // the next run must reconcile them rather than send them again.
                for _ in 0..<1000 where await sandbox.state.stats().postsReceived < 4 {
                    try await Task.sleep(nanoseconds: 10_000_000)
                }
                await sandbox.state.setFaults(SandboxFaults())
                let resumed = try await CLI.run(["run", ws.pipelinePath, "--quiet"], environment: sandbox.environment)
                let report = try await ws.report()
                #expect(report.run["id"] as? String == "1")
                #expect(Workspace.counts(report.run)["pending"] == 0)
                await ResilienceTests.expectEachBookedOnce(sandbox, count: guests.count)
                #expect(resumed.status == 0, "\(resumed.output)")
                #expect(Workspace.counts(report.run)["created"] == guests.count, "the rows in flight were reconciled, not sent again")
            }
        }
    }
}

#if canImport(Glibc)
/// A local address that takes no connection: a listening socket whose accept queue is full and never
/// drained, so the kernel drops further SYNs and a client's connect waits out its timeout, as it would for
/// a blackholed host — without depending on the network the tests run in.
final class Blackhole: Sendable {
    let port: Int
    private let listener: Int32
    private let fillers: [Int32]

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 0) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard fd >= 0, bound else {
            if fd >= 0 { _ = Glibc.close(fd) }
            throw POSIXError(.EADDRNOTAVAIL)
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        // Fill the accept queue (a backlog of 0 holds one connection) with connections nobody accepts.
        fillers = (0..<2).map { _ in
            let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, length) }
            }
            return filler
        }
        Thread.sleep(forTimeInterval: 0.2)
    }

    func close() {
        for fd in fillers + [listener] { _ = Glibc.close(fd) }
    }
}
#endif
