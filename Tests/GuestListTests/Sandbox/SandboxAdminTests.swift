import Foundation
import Testing

@testable import Sandbox

/// The `/_sandbox` endpoints and their in-process twins on `SandboxState`.
@Suite struct SandboxAdminTests {
    private let start = Date(timeIntervalSince1970: 1_900_000_000)

    @Test func aPreloadedBookingConflictsUntilRemoved() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let iso = SandboxCoding.formatInstant(start)
            let preloaded = await sandbox.state.preload(
                eventTypeId: "mzgdPJVBb7RE", email: "Guest@example.com", name: "Guest", startedAt: start,
                timeZone: "Asia/Tokyo")
            #expect(preloaded.endedAt == start.addingTimeInterval(3600))
            let conflict = try await http.post(SandboxFixtures.booking(startedAt: iso))
            #expect(conflict.status == 409)
            #expect(await sandbox.state.removeBooking(uid: preloaded.uid))
            #expect(await sandbox.state.removeBooking(uid: preloaded.uid) == false)
            let created = try await http.post(SandboxFixtures.booking(startedAt: iso))
            #expect(created.status == 201)
        }
    }

    @Test func preloadAndRemoveOverHTTP() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let body = #"{"eventTypeId": "smallRoom01", "email": "a@example.com", "name": "A", "startedAt": "2030-03-16T02:00:00Z"}"#
            let created = try await http.send(.POST, "/_sandbox/bookings", body: body, apiKey: nil)
            #expect(created.status == 201)
            let uid = try #require(created.object["uid"] as? String)
            #expect(created.object["endedAt"] as? String == "2030-03-16T02:30:00.000Z")
            // The one seat is taken.
            let full = try await http.post(SandboxFixtures.booking(email: "b@example.com", eventTypeId: "smallRoom01"))
            #expect(full.status == 409)
            let all = try await http.send(.GET, "/_sandbox/bookings", apiKey: nil)
            let listed = try SandboxCoding.makeDecoder().decode([SandboxBooking].self, from: all.body)
            #expect(listed.map(\.uid) == [uid])
            #expect(try await http.send(.DELETE, "/_sandbox/bookings/\(uid)", apiKey: nil).status == 204)
            #expect(try await http.send(.DELETE, "/_sandbox/bookings/\(uid)", apiKey: nil).status == 404)
            #expect(try await http.post(SandboxFixtures.booking(email: "b@example.com", eventTypeId: "smallRoom01")).status == 201)
            // Preloads bypass faults and are not API traffic.
            #expect(await sandbox.state.stats().postsReceived == 2)
            #expect(try await http.send(.POST, "/_sandbox/bookings", body: "{}", apiKey: nil).status == 400)
        }
    }

    @Test func theRequestLogRecordsWhatWasSentAndAnswered() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            _ = try await http.post(SandboxFixtures.booking())
            _ = try await http.post(SandboxFixtures.booking(email: "bad"))
            _ = try await http.send(.GET, "/v1/bookings?perPage=5")
            _ = try await http.send(.GET, "/_sandbox/stats")
            let reply = try await http.send(.GET, "/_sandbox/requests", apiKey: nil)
            let log = try SandboxCoding.makeDecoder().decode([ReceivedRequest].self, from: reply.body)
            #expect(log.map(\.method) == ["POST", "POST", "GET"])
            #expect(log.map(\.status) == [201, 422, 200])
            #expect(log[0].path == "/v1/bookings")
            #expect(log[2].query == "perPage=5")
            #expect(log[2].body == nil)
            let sent = try #require(log[0].body.flatMap { $0.data(using: .utf8) })
            let object = try #require(try JSONSerialization.jsonObject(with: sent) as? [String: Any])
            #expect(object["email"] as? String == "guest@example.com")
            // The same log in process (the JSON keeps instants to the millisecond only).
            #expect(await sandbox.state.received().map(\.status) == log.map(\.status))
        }
    }

    @Test func statsCountOutcomes() async throws {
        try await SandboxFixtures.withSandbox { _, http in
            _ = try await http.post(SandboxFixtures.booking())
            _ = try await http.post(SandboxFixtures.booking())
            _ = try await http.post(SandboxFixtures.booking(email: "bad"))
            _ = try await http.post(SandboxFixtures.booking(), apiKey: "nope")
            let reply = try await http.send(.GET, "/_sandbox/stats", apiKey: nil)
            let stats = try JSONDecoder().decode(SandboxStats.self, from: reply.body)
            var expected = SandboxStats()
            expected.requestsReceived = 4
            expected.postsReceived = 4
            expected.created = 1
            expected.conflicts409 = 1
            expected.conflictsAlreadyBooked = 1
            expected.invalid422 = 1
            expected.unauthorized401 = 1
            #expect(stats == expected)
        }
    }

    @Test func theRequestLogKeepsTheNewestEntriesOnly() async throws {
        try await SandboxFixtures.withSandbox(SandboxConfiguration(requestLogLimit: 3)) { sandbox, http in
            for page in 1...8 { _ = try await http.send(.GET, "/v1/bookings?page=\(page)") }
            #expect(await sandbox.state.received().map(\.query) == ["page=6", "page=7", "page=8"])
            #expect(await sandbox.state.stats().requestsReceived == 8)
            #expect(await sandbox.state.stats().readsReceived == 8)
        }
    }

    @Test func resetForgetsEverythingAndRestoresTheStartingFaults() async throws {
        try await SandboxFixtures.withSandbox(faults: SandboxFaults(latencyMilliseconds: 1)) { sandbox, http in
            _ = try await http.post(SandboxFixtures.booking())
            await sandbox.state.setFaults(SandboxFaults(probability503: 1))
            #expect(try await http.send(.POST, "/_sandbox/reset", apiKey: nil).status == 204)
            #expect(await sandbox.state.bookings().isEmpty)
            #expect(await sandbox.state.received().isEmpty)
            #expect(await sandbox.state.stats() == SandboxStats())
            #expect(await sandbox.state.faults() == SandboxFaults(latencyMilliseconds: 1))
            #expect(try await http.post(SandboxFixtures.booking()).status == 201)
        }
    }
}
