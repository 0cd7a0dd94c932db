import AsyncHTTPClient
import Foundation
import Testing

@testable import Sandbox

/// The read fault knobs, for client tests of a lookup that fails transiently or times out.
@Suite struct SandboxReadFaultTests {
    @Test func everyReadCanAnswer503WhilePostsGoThrough() async throws {
        try await SandboxFixtures.withSandbox(faults: SandboxFaults(probabilityRead503: 1)) { sandbox, http in
            let created = try await http.post(SandboxFixtures.booking())
            #expect(created.status == 201)
            let uid = try #require(created.data["uid"] as? String)
            for path in ["/v1/bookings", "/v1/bookings/\(uid)", "/v1/bookings/\(uid)/contacts", "/v1/event_types/smallRoom01"] {
                let reply = try await http.send(.GET, path)
                #expect(reply.status == 503, "\(path)")
                #expect(reply.errors["message"] != nil)
            }
            let stats = await sandbox.state.stats()
            #expect(stats.readsReceived == 4 && stats.readsUnavailable503 == 4)
            #expect(stats.unavailable503 == 0, "the POST count is about POSTs only")
            // The key is checked first: a bad key is still 401.
            #expect(try await http.send(.GET, "/v1/bookings", apiKey: "wrong").status == 401)
        }
    }

    @Test func aPathSuffixAimsTheFaultsAtTheContactsAlone() async throws {
        let faults = SandboxFaults(probabilityRead503: 1, readFaultPathSuffix: "/contacts")
        try await SandboxFixtures.withSandbox(faults: faults) { _, http in
            let uid = try #require(try await http.post(SandboxFixtures.booking()).data["uid"] as? String)
            #expect(try await http.send(.GET, "/v1/bookings").status == 200)
            #expect(try await http.send(.GET, "/v1/bookings/\(uid)").status == 200)
            #expect(try await http.send(.GET, "/v1/bookings/\(uid)/contacts").status == 503)
        }
    }

    /// A contacts call that fails, then works on a retry: seeded, so the same every run.
    @Test func aTransientContactsFailureIsReproducibleWithASeed() async throws {
        let faults = SandboxFaults(probabilityRead503: 0.5, readFaultPathSuffix: "/contacts", seed: 9)
        func statuses() async throws -> [Int] {
            try await SandboxFixtures.withSandbox(faults: faults) { _, http in
                let uid = try #require(try await http.post(SandboxFixtures.booking()).data["uid"] as? String)
                var statuses: [Int] = []
                for _ in 0..<12 { statuses.append(try await http.send(.GET, "/v1/bookings/\(uid)/contacts").status) }
                return statuses
            }
        }
        let first = try await statuses()
        #expect(first.contains(503) && first.contains(200))
        #expect(try await statuses() == first)
    }

    @Test func readLatencyOutlastsAShortClientTimeoutButNotPosts() async throws {
        try await SandboxFixtures.withSandbox(faults: SandboxFaults(readLatencyMilliseconds: 1500)) { sandbox, http in
            let clock = ContinuousClock()
            let before = clock.now
            #expect(try await http.post(SandboxFixtures.booking()).status == 201)
            #expect(clock.now - before < .milliseconds(1400), "POSTs are not slowed by the 1,500 ms read latency")
            await #expect(throws: (any Error).self) {
                _ = try await http.send(.GET, "/v1/bookings", timeout: .milliseconds(300))
            }
            let slow = clock.now
            #expect(try await http.send(.GET, "/v1/bookings").status == 200)
            #expect(clock.now - slow >= .milliseconds(1400))
            // The timed-out lookup is in the log all the same, once its delay has passed.
            try await Task.sleep(for: .milliseconds(300))
            #expect(await sandbox.state.received().filter { $0.method == "GET" }.count == 2)
        }
    }

    @Test func readKnobsChangeAtRunTime() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http async throws in
            let body = #"{"probabilityRead503": 1, "readFaultPathSuffix": "/bookings"}"#
            #expect(try await http.send(.PUT, "/_sandbox/faults", body: body, apiKey: nil).status == 200)
            #expect(await sandbox.state.faults().readFaultPathSuffix == "/bookings")
            #expect(try await http.send(.GET, "/v1/bookings").status == 503)
            #expect(try await http.send(.GET, "/v1/event_types/smallRoom01").status == 200)
            await sandbox.state.setFaults(SandboxFaults())
            #expect(try await http.send(.GET, "/v1/bookings").status == 200)
        }
    }
}
