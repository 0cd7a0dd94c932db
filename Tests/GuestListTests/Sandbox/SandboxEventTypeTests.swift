import Foundation
import Testing

@testable import Sandbox

/// Event types: capacity per event type, set at start, at run time over HTTP and in process;
/// approval, which makes new bookings `request`s.
@Suite struct SandboxEventTypeTests {
    @Test func theDefaultsStayAsTheSamplesAndDemoExpect() {
        let byUid = Dictionary(uniqueKeysWithValues: SandboxEventType.defaults.map { ($0.uid, $0) })
        #expect(Set(byUid.keys) == ["mzgdPJVBb7RE", "demoEvent001", "smallRoom01"])
        #expect(byUid["smallRoom01"]?.capacity == 1)
        #expect(SandboxEventType.defaults.allSatisfy { !$0.requiresApproval })
    }

    @Test func capacityIsSetAtStart() async throws {
        var configuration = SandboxConfiguration()
        let known = configuration.setCapacity(2, forEventType: "smallRoom01")
        let unknown = configuration.setCapacity(2, forEventType: "noSuchEvent")
        #expect(known && !unknown)
        try await SandboxFixtures.withSandbox(configuration) { sandbox, http in
            #expect(await sandbox.state.eventType(uid: "smallRoom01")?.capacity == 2)
            for (email, status) in [("a@example.com", 201), ("b@example.com", 201), ("c@example.com", 409)] {
                let reply = try await http.post(SandboxFixtures.booking(email: email, eventTypeId: "smallRoom01"))
                #expect(reply.status == status, "\(email)")
            }
        }
    }

    @Test func capacityChangesAtRunTimeOverHTTPAndIsShown() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            func book(_ email: String) async throws -> Int {
                try await http.post(SandboxFixtures.booking(email: email, eventTypeId: "smallRoom01")).status
            }
            #expect(try await book("a@example.com") == 201)
            #expect(try await book("b@example.com") == 409)
            let put = try await http.send(.PUT, "/_sandbox/event_types/smallRoom01", body: #"{"capacity": 3}"#, apiKey: nil)
            #expect(put.status == 200 && put.object["capacity"] as? Int == 3)
            #expect(try await book("b@example.com") == 201)
            #expect(try await book("c@example.com") == 201)
            #expect(try await book("d@example.com") == 409)

            let listed = try await http.send(.GET, "/_sandbox/event_types", apiKey: nil)
            let eventTypes = try SandboxCoding.makeDecoder().decode([SandboxEventType].self, from: listed.body)
            #expect(eventTypes.map(\.uid) == SandboxEventType.defaults.map(\.uid))
            #expect(eventTypes.first { $0.uid == "smallRoom01" }?.capacity == 3)
            #expect(try await http.send(.GET, "/v1/event_types/smallRoom01").data["capacity"] as? Int == 3)

            // Lowered below what is booked: the bookings stay, new ones are refused.
            #expect(await sandbox.state.setCapacity(1, forEventType: "smallRoom01"))
            #expect(await sandbox.state.bookings().count == 3)
            #expect(try await book("e@example.com") == 409)
            #expect(await sandbox.state.stats().conflictsSlotFull == 3)
        }
    }

    @Test func badEventTypeChangesAreRefused() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            #expect(try await http.send(.PUT, "/_sandbox/event_types/nope", body: #"{"capacity": 3}"#, apiKey: nil).status == 404)
            let negative = try await http.send(.PUT, "/_sandbox/event_types/smallRoom01", body: #"{"capacity": -1}"#, apiKey: nil)
            #expect(negative.status == 422 && negative.errors.keys.contains("capacity"))
            #expect(try await http.send(.PUT, "/_sandbox/event_types/smallRoom01", body: "3", apiKey: nil).status == 400)
            #expect(await sandbox.state.eventType(uid: "smallRoom01")?.capacity == 1)
            #expect(await sandbox.state.setCapacity(5, forEventType: "nope") == false)
        }
    }

    @Test func zeroCapacityClosesTheEventType() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            #expect(await sandbox.state.setCapacity(0, forEventType: "demoEvent001"))
            let reply = try await http.post(SandboxFixtures.booking(eventTypeId: "demoEvent001"))
            #expect(reply.status == 409)
        }
    }

    @Test func approvalMakesNewBookingsRequestsThatHoldTheirSeat() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let put = try await http.send(
                .PUT, "/_sandbox/event_types/smallRoom01", body: #"{"requiresApproval": true}"#, apiKey: nil)
            #expect(put.object["requiresApproval"] as? Bool == true && put.object["capacity"] as? Int == 1)
            let asked = try await http.post(SandboxFixtures.booking(email: "a@example.com", eventTypeId: "smallRoom01"))
            #expect(asked.status == 201 && asked.data["status"] as? String == "request")
            #expect(try await http.post(SandboxFixtures.booking(email: "b@example.com", eventTypeId: "smallRoom01")).status == 409)
            let preloaded = await sandbox.state.preload(
                eventTypeId: "smallRoom01", email: "p@example.com", name: "P", startedAt: SandboxFixtures.instant("2030-03-17T02:00:00Z"))
            #expect(preloaded.status == .request)
            await sandbox.state.updateEventType(uid: "smallRoom01", requiresApproval: false)
            #expect(try await http.post(SandboxFixtures.booking(startedAt: "2030-03-18T02:00:00Z", eventTypeId: "smallRoom01")).data["status"] as? String == "open")
        }
    }

    @Test func resetRestoresTheStartingEventTypes() async throws {
        try await SandboxFixtures.withSandbox { sandbox, _ in
            await sandbox.state.updateEventType(uid: "smallRoom01", capacity: 9, requiresApproval: true)
            await sandbox.state.reset()
            #expect(await sandbox.state.eventTypes() == SandboxEventType.defaults)
        }
    }
}
