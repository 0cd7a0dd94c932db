import Foundation
import Testing

@testable import Sandbox

/// Starting and stopping: `run` until cancelled, `withRunning` around a body, a port in use, load.
@Suite struct SandboxLifecycleTests {
    @Test func runServesUntilItsTaskIsCancelled() async throws {
        let (started, continuation) = AsyncStream.makeStream(of: RunningSandbox.self)
        let server = Task {
            try await SandboxServer.run(SandboxConfiguration(), logger: SandboxFixtures.logger) { continuation.yield($0) }
        }
        var iterator = started.makeAsyncIterator()
        let running = try #require(await iterator.next())
        #expect(running.baseURL == "http://127.0.0.1:\(running.port)")
        let reply = try await SandboxHTTP(sandbox: running).send(.GET, "/v1/event_types/demoEvent001")
        #expect(reply.status == 200)
        server.cancel()
        _ = await server.result
        await #expect(throws: (any Error).self) {
            _ = try await SandboxHTTP(sandbox: running).send(.GET, "/v1/bookings", timeout: .seconds(1))
        }
    }

    @Test func aPortInUseIsAnError() async throws {
        try await SandboxFixtures.withSandbox { sandbox, _ in
            await #expect(throws: (any Error).self) {
                try await SandboxServer.withRunning(SandboxConfiguration(port: sandbox.port), logger: SandboxFixtures.logger) { _ in }
            }
        }
    }

    @Test func manyConcurrentPostsAreAllBookedOnce() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<200 {
                    group.addTask { try await http.post(SandboxFixtures.booking(email: "g\(index)@example.com")).status }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 })
            #expect(await sandbox.state.bookings().count == 200)
            #expect(await sandbox.state.stats().created == 200)
        }
    }

    @Test func withRunningStopsTheServerAfterTheBody() async throws {
        let port = try await SandboxFixtures.withSandbox { sandbox, _ in sandbox.port }
        #expect(port > 0)
        await #expect(throws: (any Error).self) {
            _ = try await SandboxHTTP(
                sandbox: RunningSandbox(port: port, state: SandboxState(configuration: .init()), apiKey: "k")
            ).send(.GET, "/v1/bookings", timeout: .seconds(1))
        }
    }

    @Test func withRunningRethrowsTheBodysError() async throws {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await SandboxFixtures.withSandbox { _, _ in throw Boom() }
        }
    }
}
