import Foundation
import Testing

@testable import Sandbox

/// Cancellation (SPEC §1): a `cancel` booking stays listed but holds neither its slot nor its
/// guest; `status=` filters the listing.
@Suite struct SandboxCancelTests {
    @Test func aCancelledBookingStaysListedAndFreesItsSlotAndGuest() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let booking = SandboxFixtures.booking(email: "one@example.com", eventTypeId: "smallRoom01")
            let uid = try #require(try await http.post(booking).data["uid"] as? String)
            #expect(try await http.post(SandboxFixtures.booking(email: "two@example.com", eventTypeId: "smallRoom01")).status == 409)
            #expect(try await http.post(booking).status == 409)

            let cancel = try await http.send(
                .POST, "/_sandbox/bookings/\(uid)/cancel", body: #"{"reason": "Guest is ill"}"#, apiKey: nil)
            #expect(cancel.status == 200)
            #expect(cancel.object["status"] as? String == "cancel")
            #expect(cancel.object["email"] as? String == "one@example.com", "the admin view keeps the guest")

            let one = try await http.send(.GET, "/v1/bookings/\(uid)")
            #expect(one.data["status"] as? String == "cancel")
            #expect(one.data["cancelReason"] as? String == "Guest is ill")
            #expect(one.data["cancelledBy"] as? String == "host")
            let cancelledAt = try #require(one.data["cancelledAt"] as? String)
            #expect(SandboxCoding.parseDateTime(cancelledAt) != nil)
            #expect(one.data["updatedAt"] as? String == cancelledAt)
            #expect(try await http.listedUids("") == [uid], "still listed")
            #expect(try await http.contactEmails(uid) == ["one@example.com"], "its contacts are still there")

            // The guest may book the same key again, and the seat is free for someone else.
            let rebooked = try await http.post(booking)
            #expect(rebooked.status == 201)
            let newUid = try #require(rebooked.data["uid"] as? String)
            #expect(newUid != uid)
            #expect(try await http.post(SandboxFixtures.booking(email: "two@example.com", eventTypeId: "smallRoom01")).status == 409)
            #expect(try await http.listedUids("") == [uid, newUid])
            #expect(await sandbox.state.stats().cancelled == 1)
        }
    }

    @Test func theInProcessTwinAndRepeatedOrUnknownCancels() async throws {
        try await SandboxFixtures.withSandbox { sandbox, http in
            let start = SandboxFixtures.instant("2030-03-16T02:00:00Z")
            let preloaded = await sandbox.state.preload(
                eventTypeId: "smallRoom01", email: "a@example.com", name: "A", startedAt: start)
            let cancelled = try #require(await sandbox.state.cancelBooking(uid: preloaded.uid))
            #expect(cancelled.status == .cancel && cancelled.cancelReason == nil && cancelled.cancelledAt != nil)
            let again = await sandbox.state.cancelBooking(uid: preloaded.uid, reason: "twice")
            #expect(again == cancelled, "cancelling twice changes nothing")
            #expect(await sandbox.state.cancelBooking(uid: "nope") == nil)
            #expect(try await http.send(.POST, "/_sandbox/bookings/nope/cancel", apiKey: nil).status == 404)
            #expect(try await http.send(.POST, "/_sandbox/bookings/\(preloaded.uid)/cancel", body: "[", apiKey: nil).status == 400)
            // Freed once only: one new booking fits the one seat, a second does not.
            #expect(try await http.post(SandboxFixtures.booking(email: "b@example.com", eventTypeId: "smallRoom01")).status == 201)
            #expect(try await http.post(SandboxFixtures.booking(email: "c@example.com", eventTypeId: "smallRoom01")).status == 409)
            // Removing a cancelled booking frees nothing more.
            #expect(await sandbox.state.removeBooking(uid: preloaded.uid))
            #expect(try await http.post(SandboxFixtures.booking(email: "c@example.com", eventTypeId: "smallRoom01")).status == 409)
            #expect(await sandbox.state.bookings().map(\.email) == ["b@example.com"])
        }
    }

    @Test func theStatusParameterFiltersTheListing() async throws {
        let configuration = SandboxConfiguration(eventTypes: SandboxEventType.defaults + [
            SandboxEventType(uid: "vipDinner01", name: "VIP dinner", durationMinutes: 120, capacity: 10, requiresApproval: true),
        ])
        try await SandboxFixtures.withSandbox(configuration) { sandbox, http in
            let open = try #require(try await http.post(SandboxFixtures.booking(email: "o@example.com")).data["uid"] as? String)
            let gone = try #require(try await http.post(SandboxFixtures.booking(email: "c@example.com")).data["uid"] as? String)
            let asked = try await http.post(SandboxFixtures.booking(email: "r@example.com", eventTypeId: "vipDinner01"))
            #expect(asked.data["status"] as? String == "request")
            #expect(asked.data["name"] as? String == "VIP dinner")
            let request = try #require(asked.data["uid"] as? String)
            await sandbox.state.cancelBooking(uid: gone)

            #expect(try await http.listedUids("status=open") == [open])
            #expect(try await http.listedUids("status=cancel") == [gone])
            #expect(try await http.listedUids("status=request") == [request])
            #expect(Set(try await http.listedUids("")) == [open, gone, request])
            let windowed = "startedAt=2030-03-16T00:00:00Z&endedAt=2030-03-16T23:59:59Z&status=cancel"
            #expect(try await http.listedUids(windowed) == [gone])
        }
    }
}
