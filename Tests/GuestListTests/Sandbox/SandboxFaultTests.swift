import AsyncHTTPClient
import Foundation
import Testing

@testable import Sandbox

/// Each fault knob, seen from a real HTTP client.
@Suite struct SandboxFaultTests {
    @Test func theRateLimitAnswers429WithRetryAfterSeconds() async throws {
        try await SandboxFixtures.withSandbox(faults: SandboxFaults(rateLimit: 0.5, rateLimitBurst: 2)) { sandbox, http in
            // The bucket counts every /v1 request, reads included.
            #expect(try await http.send(.GET, "/v1/bookings").status == 200)
            #expect(try await http.post(SandboxFixtures.booking()).status == 201)
            let limited = try await http.post(SandboxFixtures.booking(email: "other@example.com"))
            #expect(limited.status == 429)
            let retryAfter = try #require(limited.headers.first(name: "Retry-After").flatMap { Int($0) })
            #expect((1...2).contains(retryAfter))
            #expect(limited.errors["message"] != nil)
            #expect(await sandbox.state.stats().rateLimited429 == 1)
            #expect(await sandbox.state.bookings().count == 1)
        }
    }

    @Test func retryAfterCanBeAnHTTPDate() async throws {
        let faults = SandboxFaults(rateLimit: 1, rateLimitBurst: 1, retryAfterAsHTTPDate: true)
        try await SandboxFixtures.withSandbox(faults: faults) { _, http in
            _ = try await http.send(.GET, "/v1/bookings")
            let limited = try await http.send(.GET, "/v1/bookings")
            #expect(limited.status == 429)
            let header = try #require(limited.headers.first(name: "Retry-After"))
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let date = try #require(formatter.date(from: header), "\(header)")
            #expect(date > Date())
            #expect(date < Date().addingTimeInterval(5))
        }
    }

    @Test(arguments: [true, false])
    func random429sCarryRetryAfterOneOrNothing(withRetryAfter: Bool) async throws {
        try await SandboxFixtures.withSandbox(faults: SandboxFaults(probability429: 1, retryAfterOn429: withRetryAfter)) { sandbox, http in
            let reply = try await http.post(SandboxFixtures.booking())
            #expect(reply.status == 429)
            #expect(reply.headers.first(name: "Retry-After") == (withRetryAfter ? "1" : nil))
            #expect(await sandbox.state.bookings().isEmpty)
            // Reads are not subject to the random faults.
            #expect(try await http.send(.GET, "/v1/bookings").status == 200)
        }
    }

    @Test func random429sCanSayRetryAfterAsADate() async throws {
        let faults = SandboxFaults(retryAfterAsHTTPDate: true, probability429: 1)
        try await SandboxFixtures.withSandbox(faults: faults) { _, http in
            let reply = try await http.post(SandboxFixtures.booking())
            #expect(reply.status == 429)
            #expect(reply.headers.first(name: "Retry-After")?.hasSuffix(" GMT") == true)
        }
    }

    @Test func random503s() async throws {
        try await SandboxFixtures.withSandbox(faults: SandboxFaults(probability503: 1)) { sandbox, http in
            let reply = try await http.post(SandboxFixtures.booking())
            #expect(reply.status == 503)
            #expect(reply.errors["message"] != nil)
            #expect(await sandbox.state.bookings().isEmpty)
            #expect(await sandbox.state.stats().unavailable503 == 1)
        }
    }

    @Test func latencyDelaysPosts() async throws {
        try await SandboxFixtures.withSandbox(faults: SandboxFaults(latencyMilliseconds: 300, jitterMilliseconds: 50)) { _, http in
            let clock = ContinuousClock()
            let start = clock.now
            let reply = try await http.post(SandboxFixtures.booking())
            #expect(reply.status == 201)
            #expect(clock.now - start >= .milliseconds(250))
        }
    }

    @Test func aDroppedPostCreatesTheBookingButNeverAnswers() async throws {
        try await SandboxFixtures.withSandbox(faults: SandboxFaults(probabilityDrop: 1)) { sandbox, http in
            await #expect(throws: (any Error).self) {
                _ = try await http.post(SandboxFixtures.booking())
            }
            let bookings = await sandbox.state.bookings()
            #expect(bookings.map(\.email) == ["guest@example.com"])
            let uid = try #require(bookings.first?.uid)
            let log = await sandbox.state.received()
            #expect(log.count == 1)
            #expect(log.first?.status == nil)
            let stats = await sandbox.state.stats()
            #expect(stats.dropped == 1 && stats.created == 1 && stats.postsReceived == 1)
            // The server is still healthy, and the booking is there to be reconciled.
            let window = "startedAt=2030-03-16T02:00:00.000Z&endedAt=2030-03-16T03:00:00.000Z"
            #expect(try await http.listedUids(window) == [uid])
            #expect(try await http.contactEmails(uid) == ["guest@example.com"])
        }
    }

    @Test func faultsChangeAtRunTimeThroughTheAdminEndpoint() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let put = try await http.send(.PUT, "/_sandbox/faults", body: #"{"probability503": 1}"#, apiKey: nil)
            #expect(put.status == 200)
            #expect(await sandbox.state.faults().probability503 == 1)
            let read = try await http.send(.GET, "/_sandbox/faults", apiKey: nil)
            #expect(read.object["probability503"] as? Double == 1)
            #expect(read.object["retryAfterOn429"] as? Bool == true)
            #expect(read.object["rateLimit"] is NSNull && read.object["seed"] is NSNull)
            #expect(read.object["readFaultPathSuffix"] is NSNull)
            #expect(read.object["probabilityRead503"] as? Double == 0 && read.object["readLatencyMilliseconds"] as? Int == 0)
            #expect(read.object["listingWindow"] as? String == "within")
            #expect(try await http.post(SandboxFixtures.booking()).status == 503)

            #expect(try await http.send(.PUT, "/_sandbox/faults", body: "{}", apiKey: nil).status == 200)
            #expect(try await http.post(SandboxFixtures.booking()).status == 201)

            await sandbox.state.setFaults(SandboxFaults(probability429: 1))
            #expect(try await http.post(SandboxFixtures.booking(email: "x@example.com")).status == 429)
        }
    }

    @Test func invalidKnobsAreRefused() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            let body = #"{"probability503": 2, "rateLimit": 0, "probabilityRead503": -0.1, "readLatencyMilliseconds": -1}"#
            let bad = try await http.send(.PUT, "/_sandbox/faults", body: body)
            #expect(bad.status == 422)
            #expect(Set(bad.errors.keys) == ["probability503", "rateLimit", "probabilityRead503", "readLatencyMilliseconds"])
            let wrongType = try await http.send(.PUT, "/_sandbox/faults", body: #"{"readLatencyMilliseconds": "slow"}"#)
            #expect(wrongType.status == 422 && Array(wrongType.errors.keys) == ["readLatencyMilliseconds"])
            #expect(try await http.send(.PUT, "/_sandbox/faults", body: "nope").status == 400)
        }
    }

    @Test func aSeedMakesFaultsAndUidsReproducible() async throws {
        let faults = SandboxFaults(probability503: 0.5, seed: 42)
        func outcomes() async throws -> [String] {
            try await SandboxFixtures.withSandbox(faults: faults) { _, http in
                var outcomes: [String] = []
                for index in 0..<16 {
                    let reply = try await http.post(SandboxFixtures.booking(email: "g\(index)@example.com"))
                    outcomes.append(reply.status == 201 ? (reply.data["uid"] as? String ?? "?") : "\(reply.status)")
                }
                return outcomes
            }
        }
        let first = try await outcomes()
        #expect(first.contains("503") && first.contains { $0.count == 12 })
        #expect(try await outcomes() == first)
    }
}
